/// A body that could not be decoded as its type promised. Becomes a diagnostic naming
/// the frame; the message itself is still listed with its raw body length.
public struct PayloadProblem: Equatable, Sendable {
    /// Stable snake_case code: `xml_malformed`, `xml_doctype_refused`, `base64_invalid`…
    public let code: String
    public let detail: String
}
