@testable import Payloads
import SIP
import Testing

/// Decodes a body with a content type, returning the payload and the problems found.
func decode(_ body: String, _ contentType: String?) -> (payload: Payload?, problems: [PayloadProblem]) {
    var problems: [PayloadProblem] = []
    let payload = PayloadDecoder.decode(body: Array(body.utf8), contentType: contentType, problems: &problems)
    return (payload, problems)
}

/// A whole SIP message from text with CRLF line ends added.
func message(_ lines: [String], body: String = "") -> SIPMessage {
    let text = lines.joined(separator: "\r\n") + "\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    let events = Array(text.utf8).withUnsafeBytes { SIPDatagramParser.parse($0) } ?? []
    for event in events { if case .message(let message) = event { return message } }
    Issue.record("not a SIP message: \(text)")
    return SIPMessage(startLine: .response(status: 0, reason: ""), headers: [], body: [])
}
