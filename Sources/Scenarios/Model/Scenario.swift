import Decode
import Wire

/// A user-level action rebuilt from protocol evidence, drawn as a ladder.
public struct Scenario: Encodable, Sendable {
    public enum Kind: String, Encodable, Sendable, CaseIterable {
        case registration
        case presencePublish = "presence-publish"
        case presenceSubscribe = "presence-subscribe"
        case addContact = "add-contact"
        case sendMessage = "send-message"
        case fileTransfer = "file-transfer"
        case chatRoomJoin = "chat-room-join"
        case chatRoomPost = "chat-room-post"
        case chatRoomLeave = "chat-room-leave"
        case call
        case sipDialog = "sip-dialog"
        case sipTransaction = "sip-transaction"
    }

    public struct Outcome: Encodable, Sendable, Equatable {
        public enum Status: String, Encodable, Sendable {
            case completed, failed, incomplete
        }

        public let status: Status
        public let reason: String?

        enum CodingKeys: String, CodingKey { case status, reason }

        /// `reason` is written as null when there is none: every key is always present.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(reason, forKey: .reason)
        }

        public static let completed = Outcome(status: .completed, reason: nil)
        public static let incomplete = Outcome(status: .incomplete, reason: nil)
        public static func failed(_ reason: String?) -> Outcome { Outcome(status: .failed, reason: reason) }
    }

    public struct Participant: Encodable, Sendable, Equatable {
        public enum Role: String, Encodable, Sendable {
            case user, server, room
        }

        public let uri: String
        public let role: Role
        public let endpoints: [String]
    }

    public struct Step: Encodable, Sendable {
        public let frame: UInt64
        public let time: Timestamp
        /// The sender's and the receiver's endpoints: kept as addresses, made text when
        /// shown (a JSON report writes them straight into its bytes).
        public let source: Endpoint
        public let destination: Endpoint
        public let label: String
        public let summary: String?
        /// SIP Call-ID, or nil for a step that is an HTTPS/TLS connection.
        public let callId: String?

        public var from: String { source.description }
        public var to: String { destination.description }

        enum CodingKeys: String, CodingKey { case frame, time, from, to, label, summary, callId }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(frame, forKey: .frame)
            try container.encode(time.iso8601(), forKey: .time)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(label, forKey: .label)
            try container.encode(summary, forKey: .summary)
            try container.encode(callId, forKey: .callId)
        }
    }

    public var id: String
    public let kind: Kind
    public let variant: String?
    public let title: String
    public let participants: [Participant]
    public let outcome: Outcome
    public let steps: [Step]
    public let details: [String: Detail]

    /// The same scenario with more steps, kept in time order.
    func appending(_ more: [Step]) -> Scenario {
        Scenario(id: id, kind: kind, variant: variant, title: title, participants: participants, outcome: outcome,
                 steps: (steps + more).sorted { $0.time < $1.time }, details: details)
    }

    public var start: Timestamp? { steps.first?.time }
    public var end: Timestamp? { steps.last?.time }

    enum CodingKeys: String, CodingKey { case id, kind, variant, title, participants, outcome, start, end, steps, details }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(variant, forKey: .variant)
        try container.encode(title, forKey: .title)
        try container.encode(participants, forKey: .participants)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(start?.iso8601(), forKey: .start)
        try container.encode(end?.iso8601(), forKey: .end)
        try container.encode(steps, forKey: .steps)
        try container.encode(details, forKey: .details)
    }
}

/// A kind-specific detail value: text, number, flag or list of texts.
public enum Detail: Encodable, Sendable, Equatable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case texts([String])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .texts(let value): try container.encode(value)
        }
    }
}
