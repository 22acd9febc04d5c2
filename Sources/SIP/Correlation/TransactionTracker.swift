import Decode
import Wire

/// Groups messages into transactions, recognises retransmissions, and measures response
/// times (RFC 3261 §17).
///
/// Completed transactions are kept for 32 s of capture time (64×T1, how long an RFC 3261
/// transaction lingers for retransmissions), then released: memory follows the open
/// transactions, not the capture.
public struct TransactionTracker {
    /// What the tracker says about one message.
    public struct Assignment: Equatable, Sendable {
        public let transactionID: String?
        public let isRetransmission: Bool
        /// On the first final response: seconds since the request.
        public let responseTime: Double?
    }

    static let lingerSeconds = 32.0
    /// Each open transaction with what the tracker keeps beside it: found with one lookup
    /// and changed in place, as every message touches one.
    private var byKey: [TransactionKey: Entry] = [:]

    struct Entry {
        var transaction: Transaction
        /// The request as sent on each hop: one or two, so a list rather than a set.
        var requestSignatures: RequestSignatures
        /// An INVITE transaction's entry in `invitesBySequence`, to drop with it.
        var inviteSequence: InviteSequence?
    }

    /// A request as sent once: its method and the hop it took. A repeat is a retransmission.
    struct RequestSignature: Hashable {
        let method: SIPMethod
        let source: Endpoint
        let destination: Endpoint
    }
    /// The first signature kept in place: most transactions take one hop, and an array of one
    /// would be an allocation per transaction.
    struct RequestSignatures {
        private var first: RequestSignature?
        private var others: [RequestSignature] = []

        init(_ first: RequestSignature?) { self.first = first }

        func contains(_ signature: RequestSignature) -> Bool { first == signature || others.contains(signature) }

        mutating func append(_ signature: RequestSignature) {
            if first == nil { first = signature } else { others.append(signature) }
        }
    }
    /// INVITE transactions by Call-ID and CSeq number, for ACKs sent with a fresh branch
    /// by agents that do not follow RFC 3261 §17.1.1.3.
    private var invitesBySequence: [InviteSequence: TransactionKey] = [:]

    struct InviteSequence: Hashable {
        let callID: String
        let sequence: UInt32
    }
    /// When to look at a transaction next, by capture second: no transaction can end before
    /// 32 s after its latest message, so a sweep looks only at those due, not at every one open.
    private var dueBySecond: [Int64: [TransactionKey]] = [:]
    /// The last second whose due transactions were looked at.
    private var sweptThrough: Int64?
    private var nextNumber = 1
    private var lastSweep = Timestamp(seconds: 0, nanoseconds: 0)
    public private(set) var transactionCount = 0

    public init() {}

    public var openTransactions: Int { byKey.count }

    public mutating func observe(_ observed: ObservedMessage) -> Assignment {
        sweep(now: observed.time)
        let message = observed.message
        guard message.cseq != nil else { return Assignment(transactionID: nil, isRetransmission: false, responseTime: nil) }
        if let status = message.statusCode {
            return observeResponse(observed, status: status)
        }
        return observeRequest(observed)
    }

    private mutating func observeRequest(_ observed: ObservedMessage) -> Assignment {
        let message = observed.message
        guard let method = message.method, var key = TransactionKey(message) else {
            return Assignment(transactionID: nil, isRetransmission: false, responseTime: nil)
        }
        // An ACK joins its INVITE transaction only when that one ended non-2xx; the ACK for a
        // 2xx has a branch of its own and is a transaction by itself.
        if method == .ack, byKey[key] == nil, let callID = message.callID, let sequence = message.cseq?.sequence,
           let inviteKey = invitesBySequence[InviteSequence(callID: callID, sequence: sequence)],
           let final = byKey[inviteKey]?.transaction.finalStatus, final >= 300 {
            key = inviteKey
        }
        if method == .ack, let index = byKey.index(forKey: key), let final = byKey.values[index].transaction.finalStatus, final >= 300 {
            return byKey.values.modify(at: index) { entry in
                entry.transaction.lastActivity = observed.time
                let repeated = entry.transaction.sawAck
                entry.transaction.sawAck = true
                return Assignment(transactionID: entry.transaction.id, isRetransmission: repeated, responseTime: nil)
            }
        }
        if method == .ack, let ackKey = TransactionKey(message, treatAckAsInvite: false) { key = ackKey }
        let signature = RequestSignature(method: method, source: observed.source, destination: observed.destination)
        if let index = byKey.index(forKey: key) {
            return byKey.values.modify(at: index) { entry in
                let repeated = entry.requestSignatures.contains(signature)
                if repeated { entry.transaction.retransmissionCount += 1 } else { entry.requestSignatures.append(signature) }
                entry.transaction.lastActivity = observed.time
                return Assignment(transactionID: entry.transaction.id, isRetransmission: repeated, responseTime: nil)
            }
        }
        let transaction = Transaction(id: "t\(nextNumber)", method: method, firstFrame: observed.frame, start: observed.time,
                                      expectsResponse: method != .ack && method != .benotify, lastActivity: observed.time)
        nextNumber += 1
        transactionCount += 1
        var inviteSequence: InviteSequence?
        if method == .invite, let callID = message.callID, let sequence = message.cseq?.sequence {
            let invite = InviteSequence(callID: callID, sequence: sequence)
            invitesBySequence[invite] = key
            inviteSequence = invite
        }
        byKey[key] = Entry(transaction: transaction, requestSignatures: RequestSignatures(signature), inviteSequence: inviteSequence)
        schedule(key, after: observed.time)
        return Assignment(transactionID: transaction.id, isRetransmission: false, responseTime: nil)
    }

    private mutating func observeResponse(_ observed: ObservedMessage, status: Int) -> Assignment {
        guard let key = TransactionKey(observed.message), let index = byKey.index(forKey: key) else {
            // A response whose request was not captured still gets a transaction of its own.
            return orphanResponse(observed, status: status)
        }
        return byKey.values.modify(at: index) { entry in Self.observeResponse(status, at: observed.time, in: &entry.transaction) }
    }

    private static func observeResponse(_ status: Int, at time: Timestamp, in transaction: inout Transaction) -> Assignment {
        transaction.lastActivity = time
        if status < 200 {
            let repeated = transaction.provisionalStatuses.contains(status)
            if repeated { transaction.retransmissionCount += 1 } else { transaction.provisionalStatuses.append(status) }
            return Assignment(transactionID: transaction.id, isRetransmission: repeated, responseTime: nil)
        }
        if transaction.finalStatus != nil {
            transaction.retransmissionCount += 1
            return Assignment(transactionID: transaction.id, isRetransmission: true, responseTime: nil)
        }
        transaction.finalStatus = status
        transaction.finalTime = time
        return Assignment(transactionID: transaction.id, isRetransmission: false, responseTime: transaction.responseTime)
    }

    private mutating func orphanResponse(_ observed: ObservedMessage, status: Int) -> Assignment {
        guard let key = TransactionKey(observed.message), let cseq = observed.message.cseq else {
            return Assignment(transactionID: nil, isRetransmission: false, responseTime: nil)
        }
        var transaction = Transaction(id: "t\(nextNumber)", method: cseq.method, firstFrame: observed.frame,
                                      start: observed.time, expectsResponse: true, lastActivity: observed.time)
        nextNumber += 1
        transactionCount += 1
        if status < 200 { transaction.provisionalStatuses = [status] } else {
            transaction.finalStatus = status
            transaction.finalTime = observed.time
        }
        byKey[key] = Entry(transaction: transaction, requestSignatures: RequestSignatures(nil), inviteSequence: nil)
        schedule(key, after: observed.time)
        return Assignment(transactionID: transaction.id, isRetransmission: false, responseTime: nil)
    }

    private mutating func sweep(now: Timestamp) {
        guard now.seconds(since: lastSweep) >= 1 else { return }
        lastSweep = now
        for key in takeDue(through: now.seconds) {
            // Read where it lies: a transaction copied out of the table is a copy of its id
            // and statuses, for each of the thousands swept.
            guard let index = byKey.index(forKey: key) else { continue }
            let lastActivity = byKey.values[index].transaction.lastActivity
            let idle = now.seconds(since: lastActivity)
            guard idle > Self.lingerSeconds, byKey.values[index].transaction.isComplete || idle > 10 * Self.lingerSeconds else {
                // Active since it was scheduled, or waiting for an answer: look again later.
                schedule(key, after: lastActivity, notBefore: now.seconds + 1)
                continue
            }
            if let inviteSequence = byKey.remove(at: index).value.inviteSequence, invitesBySequence[inviteSequence] == key {
                invitesBySequence[inviteSequence] = nil
            }
        }
    }

    /// Due at the first second at which the transaction can have been idle for longer
    /// than the linger time.
    private mutating func schedule(_ key: TransactionKey, after lastActivity: Timestamp, notBefore: Int64 = .min) {
        var second = max(lastActivity.seconds + Int64(Self.lingerSeconds), notBefore)
        if let sweptThrough { second = max(second, sweptThrough + 1) }
        dueBySecond[second, default: []].append(key)
    }

    private mutating func takeDue(through second: Int64) -> [TransactionKey] {
        defer { sweptThrough = max(sweptThrough ?? second, second) }
        let from = sweptThrough.map { $0 + 1 } ?? dueBySecond.keys.min() ?? second
        guard from <= second else { return [] }
        var due: [TransactionKey] = []
        // Second by second unless the capture jumped further than there are seconds with work.
        if second - from < Int64(dueBySecond.count) {
            for next in from...second { due += dueBySecond.removeValue(forKey: next) ?? [] }
        } else {
            for next in dueBySecond.keys.filter({ $0 <= second }).sorted() { due += dueBySecond.removeValue(forKey: next) ?? [] }
        }
        return due
    }
}
