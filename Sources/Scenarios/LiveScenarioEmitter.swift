import SIP
import Timeline
import Web
import Wire

/// Emits scenarios while a capture is still running: a conversation that has been quiet
/// for `idleSeconds` is recognised and released, so memory follows the open conversations.
/// Related conversations that arrive after their partner was released (a retry a minute
/// later) become scenarios of their own.
public final class LiveScenarioEmitter {
    public let idleSeconds: Double
    private var pending: [AnalysedMessage] = []
    private var lastActivity: [String: Timestamp] = [:]
    private var emitted = 0

    public init(idleSeconds: Double = 10) { self.idleSeconds = idleSeconds }

    public var openConversations: Int { lastActivity.count }

    public func add(_ message: AnalysedMessage) {
        pending.append(message)
        lastActivity[message.observed.message.callID ?? "frame-\(message.observed.frame)"] = message.observed.time
    }

    /// Scenarios of the conversations quiet since `now - idleSeconds`.
    public func flush(now: Timestamp, connections: [WebConnection], identities: IdentityRegistry) -> [Scenario] {
        let quiet = Set(lastActivity.filter { now.seconds(since: $0.value) >= idleSeconds }.keys)
        return release(quiet, connections: connections, identities: identities)
    }

    /// Every scenario still open: the capture stopped.
    public func flushAll(connections: [WebConnection], identities: IdentityRegistry) -> [Scenario] {
        release(Set(lastActivity.keys), connections: connections, identities: identities)
    }

    private func release(_ callIDs: Set<String>, connections: [WebConnection], identities: IdentityRegistry) -> [Scenario] {
        guard !callIDs.isEmpty else { return [] }
        let key = { (message: AnalysedMessage) in message.observed.message.callID ?? "frame-\(message.observed.frame)" }
        let selected = pending.filter { callIDs.contains(key($0)) }
        pending.removeAll { callIDs.contains(key($0)) }
        for callID in callIDs { lastActivity[callID] = nil }
        var scenarios = ScenarioAnalyzer.analyse(messages: selected, connections: connections, identities: identities)
        for index in scenarios.indices {
            emitted += 1
            scenarios[index].id = "s\(emitted)"
        }
        return scenarios
    }
}
