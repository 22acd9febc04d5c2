import Payloads
import SIP
import Timeline
import Web
import Wire

/// Recognises scenarios while a capture is read: messages are grouped into conversations
/// by Call-ID, and a conversation quiet for `idleSeconds` (capture time in a file, wall
/// time live) is recognised and let go, so memory follows the open conversations, not
/// the length of the capture.
///
/// A quiet conversation waits while one of the same user's conversations that began after
/// it, within `relatedWindow` of its end, is still active — the SUBSCRIBE after a
/// setContact, the channel after a room lookup — and the quiet ones among those go with
/// it, so that related conversations are recognised in one batch, as one pass over the
/// whole capture would. Related conversations released apart (a retry after the idle
/// time) become scenarios of their own.
public final class ScenarioStream {
    /// Longer than every window in which a recognizer takes in a later conversation or a
    /// connection (60 s, 120 s, 300 s).
    public static let relatedWindow = 300.0

    public let idleSeconds: Double
    /// By Call-ID, and by the user each conversation is for.
    private var held: [HashedText: HeldConversation] = [:]
    private var heldByUser: [HashedText: [HeldConversation]] = [:]
    /// Each message's conversation and time, oldest first; an entry whose conversation
    /// saw a later message, or has gone, is stale and skipped. The conversation itself,
    /// not its Call-ID: no lookup per message when its time comes. Let go of as its entry
    /// is passed, so a released conversation does not wait for the queue's compaction.
    private var activity: [(entry: HeldConversation?, time: Timestamp)] = []
    private var activityHead = 0
    /// Quiet conversations waiting for a related one still open.
    private var waiting: [HeldConversation] = []
    private var messagesSeen = 0
    private var memory = RecognitionMemory()

    public init(idleSeconds: Double) { self.idleSeconds = idleSeconds }

    public var openConversations: Int { held.count }

    /// When the oldest conversation still held that carries chat-room traffic began: a
    /// file token in it may still claim a connection that started after this.
    public var earliestOpenChatStart: Timestamp? {
        held.values.lazy.filter(\.carriesChat).map(\.conversation.start).min()
    }

    public func add(_ message: AnalysedMessage) {
        let key = message.observed.message.callIDKey ?? HashedText("frame-\(message.observed.frame)")
        let time = message.observed.time
        let entry: HeldConversation
        if let existing = held[key] {
            entry = existing
            entry.lastActivity = max(entry.lastActivity, time)
            if entry.isQuiet {
                // Active again: it goes quiet anew from this message.
                entry.isQuiet = false
                waiting.removeAll { $0 === entry }
            }
        } else {
            entry = HeldConversation(Conversation(callID: key.text, ordinal: messagesSeen), key: key, time: time)
            held[key] = entry
        }
        entry.conversation.append(message)
        if !entry.carriesChat, message.decoding.payload?.containsFlattened(where: { if case .xccos = $0 { true } else { false } }) == true {
            entry.carriesChat = true
        }
        // The user is the From of the first request, as `Conversation.initiator` says once complete.
        if !entry.hasRequest, message.observed.message.method != nil {
            entry.hasRequest = true
            entry.user = message.observed.message.fromAddressOfRecordKey
            if let user = entry.user { heldByUser[user, default: []].append(entry) }
        }
        messagesSeen += 1
        activity.append((entry, time))
    }

    /// The scenarios of the conversations quiet at `now` and not waiting for a related one.
    /// Cheap when nothing went quiet: the caller may ask after every message.
    public func release(quietAt now: Timestamp, connections: [WebConnection], identities: IdentityRegistry) -> [OrderedScenario] {
        var newlyQuiet: [HeldConversation] = []
        while activityHead < activity.count, now.seconds(since: activity[activityHead].time) >= idleSeconds {
            let (passed, time) = activity[activityHead]
            activity[activityHead].entry = nil
            activityHead += 1
            if let entry = passed, !entry.isReleasing, entry.lastActivity == time, !entry.isQuiet {
                entry.isQuiet = true
                newlyQuiet.append(entry)
            }
        }
        compactActivity()
        // Only a conversation going quiet can free one that waits.
        guard !newlyQuiet.isEmpty else { return [] }
        let candidates = waiting + newlyQuiet
        var releasing = candidates.filter { !waitsForRelated($0) }
        waiting = candidates.filter { waitsForRelated($0) }
        // The quiet related conversations of those released go with them, even one that
        // waits itself: a user's continuous activity is cut somewhere, never held forever.
        releasing.forEach { $0.isReleasing = true }
        var index = 0
        while index < releasing.count {
            for other in related(to: releasing[index]) where other.isQuiet && !other.isReleasing {
                other.isReleasing = true
                releasing.append(other)
            }
            index += 1
        }
        waiting.removeAll(where: \.isReleasing)
        return recognise(releasing, connections: connections, identities: identities)
    }

    /// Every scenario still open: the capture ended.
    public func releaseAll(connections: [WebConnection], identities: IdentityRegistry) -> [OrderedScenario] {
        let all = Array(held.values)
        heldByUser = [:]
        waiting = []
        activity = []
        activityHead = 0
        return recognise(all, connections: connections, identities: identities)
    }

    /// A conversation of the same user that began after `entry`, within the related
    /// window of its end, is still active.
    private func waitsForRelated(_ entry: HeldConversation) -> Bool {
        guard let user = entry.user, let sameUser = heldByUser[user] else { return false }
        return sameUser.contains { !$0.isQuiet && Self.isRelated($0, to: entry) }
    }

    /// The same user's held conversations that began after `entry` and within the related
    /// window of its end: those a recognizer may take in with it.
    private func related(to entry: HeldConversation) -> [HeldConversation] {
        guard let user = entry.user, let sameUser = heldByUser[user] else { return [] }
        return sameUser.filter { Self.isRelated($0, to: entry) }
    }

    private static func isRelated(_ other: HeldConversation, to entry: HeldConversation) -> Bool {
        other !== entry && other.start >= entry.start && other.start.seconds(since: entry.lastActivity) <= relatedWindow
    }

    private func recognise(_ entries: [HeldConversation], connections: [WebConnection],
                           identities: IdentityRegistry) -> [OrderedScenario] {
        guard !entries.isEmpty else { return [] }
        for entry in entries {
            held[entry.key] = nil
            if let user = entry.user {
                heldByUser[user]?.removeAll { $0 === entry }
                if heldByUser[user]?.isEmpty == true { heldByUser[user] = nil }
            }
        }
        let batch = entries.map(\.conversation).sorted { $0.ordinal < $1.ordinal }
        return ScenarioAnalyzer.recognise(batch, connections: connections, identities: identities, memory: &memory)
    }

    private func compactActivity() {
        guard activityHead > 4096, activityHead * 2 > activity.count else { return }
        activity.removeFirst(activityHead)
        activityHead = 0
    }
}

/// A conversation still held, with its latest message time and its state in a release.
private final class HeldConversation {
    let conversation: Conversation
    /// Its conversation's Call-ID, hashed.
    let key: HashedText
    /// The time of its first and its latest message.
    let start: Timestamp
    var lastActivity: Timestamp
    /// The address of record of the first request's From, once a request is seen.
    var user: HashedText?
    var hasRequest = false
    var isQuiet = false
    var carriesChat = false
    var isReleasing = false

    init(_ conversation: Conversation, key: HashedText, time: Timestamp) {
        self.conversation = conversation
        self.key = key
        start = time
        lastActivity = time
    }
}
