/// Why an XML body was not parsed.
public struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case malformed = "xml_malformed"
        case doctypeRefused = "xml_doctype_refused"
        case tooLarge = "xml_too_large"
        case tooDeep = "xml_too_deep"
        case tooManyElements = "xml_too_many_elements"
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }
}
