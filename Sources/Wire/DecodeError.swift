/// What went wrong while decoding wire bytes: a stable code, where, and why.
///
/// Decoders throw this; the stage that owns the frame turns it into a `Diagnostic`.
public struct DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Fewer bytes than a header or length field needs.
        case truncated
        /// A field holds a value the protocol forbids (bad version, length below minimum…).
        case invalidField = "invalid_field"
        /// A nesting, size or count limit of ours was reached.
        case limitExceeded = "limit_exceeded"
        /// The bytes are not the protocol they were handed to.
        case notThisProtocol = "not_this_protocol"
    }

    public let code: Code
    /// Byte offset within the buffer being decoded.
    public let offset: Int
    public let reason: String

    public init(_ code: Code, at offset: Int, _ reason: String) {
        self.code = code
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(code.rawValue) at byte \(offset): \(reason)" }
}
