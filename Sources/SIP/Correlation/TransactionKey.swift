import Wire

/// What ties requests and responses into one transaction.
///
/// By the top Via's branch and the CSeq method (RFC 3261 §17.2.3), or — for stacks whose
/// branch lacks the RFC 3261 cookie — by Call-ID, CSeq and From tag (RFC 2543 matching).
/// An ACK is keyed as INVITE, so the ACK for a non-2xx final joins its INVITE transaction.
struct TransactionKey: Hashable {
    enum Basis: Hashable {
        case branch(String)
        case legacy(callID: String, sequence: UInt32, fromTag: String)
    }

    let basis: Basis
    let method: String
    /// Worked out once: a key is looked up, stored and swept out again, and each time its
    /// strings would be hashed anew.
    private let hash: Int

    init?(_ message: SIPMessage, treatAckAsInvite: Bool = true) {
        guard let cseq = message.cseq else { return nil }
        var method = cseq.method.rawValue
        if treatAckAsInvite, method == SIPMethod.ack.rawValue { method = SIPMethod.invite.rawValue }
        self.method = method
        if let branch = message.transactionBranch {
            basis = .branch(branch)
        } else {
            guard let callID = message.callID else { return nil }
            basis = .legacy(callID: callID, sequence: cseq.sequence, fromTag: message.from?.tag ?? "")
        }
        var hasher = Hasher()
        hasher.combine(basis)
        hasher.combine(method)
        hash = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// What a table asks for its bucket: the hash already made, mixed with the table's seed.
    func _rawHashValue(seed: Int) -> Int { PrecomputedHash.bucketHash(hash, seed: seed) }

    static func == (lhs: TransactionKey, rhs: TransactionKey) -> Bool {
        lhs.hash == rhs.hash && lhs.method == rhs.method && lhs.basis == rhs.basis
    }
}
