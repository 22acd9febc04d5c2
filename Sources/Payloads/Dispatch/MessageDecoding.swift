import SIP

/// Everything the payload decoders read from one SIP message: the body (and the first IM
/// text that may ride in `ms-text-format`), Microsoft diagnostics headers, and
/// authentication challenges and credentials.
public struct MessageDecoding: Equatable, Sendable {
    public let payload: Payload?
    public let problems: [PayloadProblem]
    public let diagnostics: [MicrosoftDiagnostic]
    public let authentication: [AuthenticationChallenge]

    public init(_ message: SIPMessage) {
        var problems: [PayloadProblem] = []
        var payload = PayloadDecoder.decode(body: message.body, contentType: message.contentType, problems: &problems)
        if let header = message.first(SIPHeaderName("ms-text-format")) {
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
        diagnostics = ["ms-diagnostics", "ms-diagnostics-public", "ms-client-diagnostics"].flatMap { name in
            message.headers.filter { $0.name == SIPHeaderName(name) }.map { MicrosoftDiagnostic(header: name, value: $0.value) }
        }
        authentication = ["WWW-Authenticate", "Proxy-Authenticate", "Authentication-Info", "Authorization", "Proxy-Authorization"]
            .flatMap { name in
                message.headers.filter { $0.name == SIPHeaderName(name) }.compactMap {
                    AuthenticationChallenge(header: name, value: $0.value)
                }
            }
    }
}
