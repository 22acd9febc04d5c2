/// An `ms-diagnostics`, `ms-diagnostics-public` or `ms-client-diagnostics` header
/// ([MS-OCER] §2.2.1.2): `<ErrorId>[.<SubCode>];reason="…";source="…"[;name="value"]*`,
/// parameters in any order. Known error ids are explained.
public struct MicrosoftDiagnostic: Equatable, Sendable, Codable {
    /// Which header: `ms-diagnostics`, `ms-diagnostics-public`, `ms-client-diagnostics`.
    public let header: String
    public let id: Int?
    public let subCode: Int?
    public let reason: String?
    public let source: String?
    /// The other parameters, by name as written.
    public let parameters: [String: String]
    /// What the id means when it is one of the documented ones.
    public let explanation: String?

    public init(header: String, value: String) {
        let segments = ParameterList.parse(value, separator: UInt8(ascii: ";"))
        let first = segments.first?.0 ?? ""
        let idParts = first.split(separator: ".")
        self.header = header
        id = idParts.first.flatMap { Int($0) }
        subCode = idParts.count > 1 ? Int(idParts[1]) : nil
        var parameters: [String: String] = [:]
        for (name, parameterValue) in segments.dropFirst() { parameters[name] = parameterValue }
        reason = parameters.removeValue(forKey: "reason")
        source = parameters.removeValue(forKey: "source")
        self.parameters = parameters
        explanation = id.flatMap { DiagnosticCatalogue.explanation(for: $0) }
    }

    public var summary: String {
        var text = "\(id.map(String.init) ?? "?")"
        if let subCode { text += ".\(subCode)" }
        if let reason { text += " \(reason)" }
        if let source { text += " (from \(source))" }
        return text
    }
}

/// The documented ms-diagnostics ids ([MS-OCER] §7–8; TechNet "Ms-Diagnostics Header").
enum DiagnosticCatalogue {
    static let known: [Int: String] = [
        1001: "From URI not authorized to communicate with public IM providers",
        1002: "From URI not authorized to communicate with federated partners",
        1003: "User does not exist",
        1005: "Cannot route to destination domain",
        1007: "Temporarily cannot route",
        1008: "Unable to resolve DNS SRV record",
        1009: "Conflicting SRV and host domains in DNS",
        1010: "Certificate trust with next-hop server could not be established",
        1011: "ms-diagnostics header not provided by previous hop",
        1012: "From URI is not authorized to communicate with users outside the enterprise",
        1013: "Clock skew with the next hop",
        1014: "Unable to resolve DNS A record",
        4003: "From URI not enabled for remote access",
        4005: "Destination URI either not enabled for SIP or does not exist",
        4011: "Epid not present",
        4141: "User disabled",
        52017: "Encryption levels don't match (client)",
        52063: "Unsupported session description (client)",
    ]

    /// Ranges name the component when the id itself is not listed.
    static func explanation(for id: Int) -> String? {
        if let text = known[id] { return text }
        switch id {
        case 1000..<2000: return "SIP stack / routing error"
        case 2000..<3000: return "presence error"
        case 3000..<4000: return "conference focus error"
        case 4000..<5000: return "registrar / edge error"
        case 6000..<7000: return "IM conferencing (MCU) error"
        case 7000..<8000: return "A/V conferencing (MCU) error"
        case 16000..<17000: return "IM filter"
        case 17000..<18000: return "client version filter"
        case 50000..<60000: return "client-reported error"
        default: return nil
        }
    }
}
