/// What SIP framing yields: a message, or a problem found in the bytes (which becomes a
/// diagnostic in the report; framing goes on).
public enum SIPFramingEvent: Equatable, Sendable {
    case message(SIPMessage)
    case problem(code: String, detail: String)
}
