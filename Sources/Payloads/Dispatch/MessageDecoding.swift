import SafeXML
import SIP

/// Everything the payload decoders read from one SIP message: the body (and the first IM
/// text that may ride in `ms-text-format`), Microsoft diagnostics headers, and
/// authentication challenges and credentials.
public struct MessageDecoding: Equatable, Sendable {
    public let payload: Payload?
    public let problems: [PayloadProblem]
    public let diagnostics: [MicrosoftDiagnostic]
    public let authentication: [AuthenticationChallenge]

    public init(_ message: SIPMessage, xmlLimits: XMLLimits = .default) {
        var problems: [PayloadProblem] = []
        var payload = PayloadDecoder.decode(body: message.body, contentType: message.contentType, xmlLimits: xmlLimits,
                                            problems: &problems)
        if let header = message.first(.msTextFormat) {
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
        message.forEachHeader(namedAnyOf: Self.readHeaderNames) { index, value in
            let written = Self.readHeaders[index].written
            if index < Self.diagnosticHeaders.count {
                diagnostics.append(MicrosoftDiagnostic(header: written, value: value))
            } else if let challenge = AuthenticationChallenge(header: written, value: value) {
                authentication.append(challenge)
            }
        }
        self.diagnostics = diagnostics
        self.authentication = authentication
    }

    static let diagnosticHeaders: [(name: SIPHeaderName, written: String)] = [
        (.msDiagnostics, "ms-diagnostics"), (.msDiagnosticsPublic, "ms-diagnostics-public"),
        (.msClientDiagnostics, "ms-client-diagnostics"),
    ]
    static let authenticationHeaders: [(name: SIPHeaderName, written: String)] = [
        (.wwwAuthenticate, "WWW-Authenticate"), (.proxyAuthenticate, "Proxy-Authenticate"),
        (.authenticationInfo, "Authentication-Info"), (.authorization, "Authorization"),
        (.proxyAuthorization, "Proxy-Authorization"),
    ]
    private static let readHeaders = diagnosticHeaders + authenticationHeaders
    private static let readHeaderNames = readHeaders.map(\.name)
}
