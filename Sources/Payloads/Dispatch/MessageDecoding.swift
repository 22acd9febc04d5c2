import SafeXML
import SIP

/// Everything the payload decoders read from one SIP message: the body (and the first IM
/// text that may ride in `ms-text-format`), Microsoft diagnostics headers, and
/// authentication challenges and credentials.
public struct MessageDecoding: Equatable, Sendable {
    static let textFormat = SIPHeaderName("ms-text-format")

    public let payload: Payload?
    public let problems: [PayloadProblem]
    public let diagnostics: [MicrosoftDiagnostic]
    public let authentication: [AuthenticationChallenge]

    public init(_ message: SIPMessage, xmlLimits: XMLLimits = .default) {
        var problems: [PayloadProblem] = []
        var payload = PayloadDecoder.decode(body: message.body, contentType: message.contentType, xmlLimits: xmlLimits,
                                            problems: &problems)
        if let header = message.first(Self.textFormat) {
            let (text, problem) = MSTextFormat.decode(header)
            if let problem { problems.append(PayloadProblem(code: "base64_invalid", detail: problem)) }
            if let text {
                if case .sdp(let description)? = payload {
                    payload = .sdp(SessionDescription(origin: description.origin, connectionAddress: description.connectionAddress,
                                                      media: description.media, firstMessage: text))
                } else if payload == nil {
                    payload = .imText(text)
                }
            }
        }
        self.payload = payload
        self.problems = problems
        var diagnostics: [MicrosoftDiagnostic] = []
        var authentication: [AuthenticationChallenge] = []
        // One pass over the headers, names compared as numbers (this runs for every message).
        for header in message.headers {
            if let name = Self.diagnosticHeaders.first(where: { $0.name == header.name })?.written {
                diagnostics.append(MicrosoftDiagnostic(header: name, value: header.value))
            } else if let name = Self.authenticationHeaders.first(where: { $0.name == header.name })?.written,
                      let challenge = AuthenticationChallenge(header: name, value: header.value) {
                authentication.append(challenge)
            }
        }
        self.diagnostics = diagnostics
        self.authentication = authentication
    }

    static let diagnosticHeaders = ["ms-diagnostics", "ms-diagnostics-public", "ms-client-diagnostics"]
        .map { (name: SIPHeaderName($0), written: $0) }
    static let authenticationHeaders = ["WWW-Authenticate", "Proxy-Authenticate", "Authentication-Info", "Authorization",
                                        "Proxy-Authorization"].map { (name: SIPHeaderName($0), written: $0) }
}
