/// The CSeq header: a sequence number and the method it counts (RFC 3261 §20.16).
public struct CSeq: Equatable, Sendable {
    public let sequence: UInt32
    public let method: SIPMethod

    public init(sequence: UInt32, method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    /// Parses `1 INVITE`; nil if the value is not a number followed by a method.
    public init?(parsing value: String) {
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let sequence = UInt32(parts[0]) else { return nil }
        self.init(sequence: sequence, method: SIPMethod(String(parts[1])))
    }
}
