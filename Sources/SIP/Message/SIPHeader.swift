/// One header line as it was on the wire: the name as written and the value
/// (folded continuation lines joined by a single space, RFC 3261 §7.3.1).
public struct SIPHeader: Equatable, Sendable {
    public let name: SIPHeaderName
    /// The name exactly as written (`i`, `CALL-ID`, `Call-ID`…).
    public let writtenName: String
    public let value: String

    public init(writtenName: String, value: String) {
        self.writtenName = writtenName
        self.name = SIPHeaderName(writtenName)
        self.value = value
    }

    init(name: SIPHeaderName, writtenName: String, value: String) {
        self.name = name
        self.writtenName = writtenName
        self.value = value
    }
}
