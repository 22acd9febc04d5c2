import Decode
import Payloads
import SIP
import Timeline
import Web
import Wire

/// Turns messages and connections into ladder steps and participant lists.
enum StepMaker {
    static func step(_ analysed: AnalysedMessage) -> Scenario.Step {
        let observed = analysed.observed
        let message = observed.message
        let label = message.method?.rawValue ?? "\(message.statusCode ?? 0) \(message.reasonPhrase ?? "")"
        // Pieces joined by `; ` as they come: most steps have one piece, kept as it is made.
        var summary: String?
        func add(_ piece: String) {
            if summary == nil { summary = piece } else { summary! += "; " + piece }
        }
        if let payload = analysed.decoding.payload { add(payload.summary) }
        for diagnostic in analysed.decoding.diagnostics { add("\(diagnostic.header): \(diagnostic.summary)") }
        if let status = message.statusCode, status == 401 || status == 407 {
            let schemes = analysed.decoding.authentication.filter { $0.header.hasSuffix("Authenticate") }.map(\.scheme)
            if !schemes.isEmpty { add("auth: " + schemes.joined(separator: ", ")) }
        }
        return Scenario.Step(frame: observed.frame, time: observed.time, source: observed.source,
                             destination: observed.destination, label: label.trimmingTrailingSpace,
                             summary: summary, callId: message.callID)
    }

    static func step(_ connection: WebConnection) -> Scenario.Step {
        let name = connection.clientHello?.serverName.map { " \($0)" } ?? ""
        let requests = connection.requests.compactMap(\.operation)
        var summary = "\(connection.kind == .tls ? "TLS" : "HTTP")\(name): ↑\(connection.toServerBytes) B ↓\(connection.toClientBytes) B"
        if !requests.isEmpty { summary += ", " + requests.joined(separator: ", ") }
        return Scenario.Step(frame: connection.clientHelloFrame ?? 0, time: connection.start,
                             source: connection.client, destination: connection.server,
                             label: connection.kind == .tls ? "HTTPS" : "HTTP", summary: summary, callId: nil)
    }

    /// Users named in the messages (From and To of requests) with the endpoints their own
    /// agents used, then the other endpoints as servers, then rooms.
    static func participants(_ messages: [AnalysedMessage], identities: IdentityRegistry, rooms: [String] = [],
                             extraUsers: [String] = [], extraServers: [String] = []) -> [Scenario.Participant] {
        // The addresses of record come hashed with the message: no text is hashed again here.
        var users = FirstSeen<HashedText>()
        // Most requests name the pair the one before named: compared, not looked up again.
        var previousPair: (from: HashedText?, to: HashedText?) = (nil, nil)
        func noteUser(_ aor: HashedText?) {
            guard let aor, aor.text.utf8.contains(UInt8(ascii: "@")) else { return }
            users.insert(aor)
        }
        for message in messages {
            let request = message.observed.message
            guard request.method != nil else { continue }
            let pair = (from: request.fromAddressOfRecordKey, to: request.toAddressOfRecordKey)
            if pair.from == previousPair.from && pair.to == previousPair.to { continue }
            previousPair = pair
            noteUser(pair.from)
            noteUser(pair.to)
        }
        for user in extraUsers { users.insert(HashedText(user)) }
        // A request and its responses pass between the same two endpoints, one way and
        // back: a message between the pair the one before used adds nothing.
        var endpoints = FirstSeen<Endpoint>()
        var previousEnds: (Endpoint, Endpoint)?
        for message in messages {
            let (source, destination) = (message.observed.source, message.observed.destination)
            if let (one, other) = previousEnds,
               (one == source && other == destination) || (one == destination && other == source) { continue }
            previousEnds = (source, destination)
            endpoints.insert(source)
            endpoints.insert(destination)
        }
        var claimed = FirstSeen<Endpoint>()
        var result: [Scenario.Participant] = users.elements.map { aor in
            let known = identities.users[aor]?.endpoints ?? []
            var own: [Endpoint] = []
            // The smaller side walked, the larger asked: thousands of users each walking
            // thousands of endpoints would be quadratic.
            if known.count < endpoints.count {
                for endpoint in known where endpoints.contains(endpoint) { own.append(endpoint) }
            } else {
                for endpoint in endpoints.elements where known.contains(endpoint) { own.append(endpoint) }
            }
            for endpoint in own { claimed.insert(endpoint) }
            let texts = own.map(\.description)
            return Scenario.Participant(uri: aor.text, role: .user, endpoints: texts.count > 1 ? texts.sorted() : texts)
        }
        // The endpoints no user claims belong to servers: one column per host, whatever
        // ports it used (a proxy listens on 5060 and connects out from ephemeral ports).
        var servers: [(host: String, endpoints: [String])] = []
        func addServer(_ endpoint: String, host: String) {
            if let index = servers.firstIndex(where: { $0.host == host }) {
                servers[index].endpoints.append(endpoint)
            } else {
                servers.append((host, [endpoint]))
            }
        }
        for endpoint in endpoints.elements where !claimed.contains(endpoint) {
            addServer(endpoint.description, host: Self.host(of: endpoint))
        }
        // Named servers (a chat room's pool) as text: none that a user or a column has already.
        if !extraServers.isEmpty {
            var named = Set(endpoints.elements.map(\.description))
            for endpoint in extraServers where named.insert(endpoint).inserted {
                addServer(endpoint, host: Self.host(of: endpoint))
            }
        }
        result += servers.map { Scenario.Participant(uri: $0.host, role: .server, endpoints: $0.endpoints) }
        result += rooms.map { Scenario.Participant(uri: $0, role: .room, endpoints: []) }
        return result
    }
}

extension StepMaker {
    /// An endpoint's host as `host(of:)` reads it from the endpoint's text.
    static func host(of endpoint: Endpoint) -> String {
        guard case .v4 = endpoint.address else { return "[\(endpoint.address)]" }
        return endpoint.address.description
    }

    /// `10.0.0.1:5060` → `10.0.0.1`; `[::1]:5060` → `[::1]`; a bare host stays as it is.
    static func host(of endpoint: String) -> String {
        // By bytes: `[`, `]` and `:` are ASCII, so every cut falls between characters.
        let utf8 = endpoint.utf8
        if utf8.first == UInt8(ascii: "["), let close = utf8.firstIndex(of: UInt8(ascii: "]")) {
            return String(endpoint[...close])
        }
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
              utf8[utf8.index(after: colon)...].firstIndex(of: UInt8(ascii: ":")) == nil else { return endpoint }
        return String(endpoint[..<colon])
    }
}

extension String {
    /// The text without trailing spaces.
    public var trimmingTrailingSpace: String {
        guard utf8.last == UInt8(ascii: " ") else { return self }
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
