import Decode
import Wire

/// Who is who: users by address of record, with the endpoint ids (`epid`), GRUUs,
/// contacts and capture endpoints each was seen on — so a ladder can label a column
/// with a user rather than an address.
///
/// A request carrying a single Via came straight from its sender's user agent, so its
/// source is where the From user sits; a response carrying a single Via goes straight
/// back to that agent. Messages relayed by a proxy say nothing about addresses.
///
/// A user no message has named for `forgetAfterSeconds` of capture time is forgotten, so
/// that a day's capture holds the users of the last hour, not of the day.
public struct IdentityRegistry {
    public struct User: Equatable, Sendable {
        public let addressOfRecord: String
        public internal(set) var displayNames: Set<String> = []
        public internal(set) var endpointIDs: Set<String> = []
        public internal(set) var gruus: Set<String> = []
        public internal(set) var contacts: Set<String> = []
        public internal(set) var endpoints: Set<Endpoint> = []
        /// When a message last named the user.
        public internal(set) var lastSeen: Timestamp
    }

    /// By address of record.
    public private(set) var users: [HashedText: User] = [:]
    /// Bounds the registry on hostile captures with endless distinct URIs.
    public static let maximumUsers = 100_000
    /// Six times the longest a held conversation waits to be recognised (600 s quiet and
    /// 300 s for a related one, `ScenarioStream`): no scenario still open can name a user
    /// forgotten this long ago unless its own messages named them since.
    public static let forgetAfterSeconds = 3600.0
    private var lastForget: Timestamp?

    public init() {}

    /// The user whose agent sits at `endpoint`, when exactly one was seen there.
    public func user(at endpoint: Endpoint) -> User? {
        let matches = users.values.filter { $0.endpoints.contains(endpoint) }
        return matches.count == 1 ? matches.first : nil
    }

    public mutating func observe(_ observed: ObservedMessage) {
        let message = observed.message
        forgetIdleUsers(now: observed.time)
        let singleHop = message.hasSingleVia
        let isRequest = message.statusCode == nil
        let contacts = message.values(.contact).map { NameAddress(parsing: $0) }
        // What each party's user learns, in one update each: a request's Contact is its
        // sender's, a response's its answerer's.
        update(aor: message.fromAddressOfRecordKey, at: observed.time) { user in
            if let from = message.from { user.learn(from) }
            if isRequest { contacts.forEach { user.learnContact($0) } }
            if singleHop { user.endpoints.note(isRequest ? observed.source : observed.destination) }
        }
        update(aor: message.toAddressOfRecordKey, at: observed.time) { user in
            if let to = message.to { user.learn(to) }
            guard !isRequest else { return }
            if message.cseq?.method == .register {
                contacts.forEach { user.learnRegisteredGRUU($0) }
            } else {
                contacts.forEach { user.learnContact($0) }
            }
        }
    }

    private mutating func update(aor: HashedText?, at time: Timestamp, _ change: (inout User) -> Void) {
        guard let aor else { return }
        // Mutated in place: copying a user out and back would copy its sets every message.
        if let index = users.index(forKey: aor) {
            users.values.modify(at: index) { user in
                user.lastSeen = max(user.lastSeen, time)
                change(&user)
            }
        } else if users.count < Self.maximumUsers {
            var user = User(addressOfRecord: aor.text, lastSeen: time)
            change(&user)
            users[aor] = user
        }
    }

    /// Once a minute of capture time.
    private mutating func forgetIdleUsers(now: Timestamp) {
        guard let last = lastForget else { lastForget = now; return }
        guard now.seconds(since: last) >= 60 else { return }
        lastForget = now
        // Collected first, then removed: a lazy view still alive during the removals would
        // share the dictionary's storage and make the first removal copy all of it.
        var idle: [HashedText] = []
        for (aor, user) in users where now.seconds(since: user.lastSeen) > Self.forgetAfterSeconds { idle.append(aor) }
        for aor in idle { users[aor] = nil }
    }

    /// Whether `text` holds `needle` (lower-case ASCII) in any letter case, by bytes.
    fileprivate static func containsIgnoringASCIICase(_ text: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        return text.withUTF8Bytes { bytes in
            guard bytes.count >= pattern.count else { return false }
            return (0...(bytes.count - pattern.count)).contains { start in
                bytes.equalsIgnoringASCIICase(start..<(start + pattern.count), needle)
            }
        }
    }
}

extension IdentityRegistry.User {
    /// A From or To: the display name and the `epid` it carries.
    fileprivate mutating func learn(_ party: NameAddress) {
        if let name = party.displayName, !name.isEmpty { displayNames.note(name) }
        if let epid = party.parameter("epid") { endpointIDs.note(epid) }
    }

    fileprivate mutating func learnContact(_ contact: NameAddress) {
        let isGRUU = IdentityRegistry.containsIgnoringASCIICase(contact.uri, ";gruu")
            || IdentityRegistry.containsIgnoringASCIICase(contact.uri, "opaque=user:epid:")
        if isGRUU { gruus.note(contact.uri) } else { contacts.note(contact.uri) }
    }

    /// A REGISTER 200 lists the user's contacts, each with the `gruu="…"` it was given.
    fileprivate mutating func learnRegisteredGRUU(_ contact: NameAddress) {
        contacts.note(contact.uri)
        if let gruu = contact.parameter("gruu"), !gruu.isEmpty { gruus.note(gruu.trimmingQuotes) }
    }
}

extension Set {
    /// Inserts `value`, compared rather than hashed when it is the set's one member already:
    /// most messages name a user by the same display name, endpoint id, contact and address
    /// as the last.
    fileprivate mutating func note(_ value: Element) {
        if count == 1, first == value { return }
        insert(value)
    }
}
