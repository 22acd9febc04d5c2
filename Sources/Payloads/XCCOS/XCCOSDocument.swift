/// An XCCOS envelope (Extensible Chat Control Over SIP, persistent group chat), as
/// carried in `text/plain` INFO bodies:
/// `<xccos ver="1" envid="…" xmlns="urn:parlano:xml:ns:xccos">` with one or more
/// `cmd` / `rpl` / `ntc` / `grpchat` items. Unknown command ids are kept as they are.
public struct XCCOSDocument: Equatable, Sendable, Codable {
    public let version: String?
    /// The sender-chosen envelope id; a reply's `commandid` points back to it.
    public let envelopeID: String?
    public let items: [XCCOSItem]
}

/// One command, reply, notice or room message of an envelope.
public struct XCCOSItem: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case command = "cmd"
        case reply = "rpl"
        case notice = "ntc"
        case groupChat = "grpchat"
        /// An element XCCOS documents do not define: kept by name.
        case other
    }

    public let kind: Kind
    /// `cmd:join`, `rpl:getftok`, `ntc:part`, `grpchat` … or the element name for `other`.
    public let id: String
    public let sequenceID: String?
    /// A reply's `commandid`: the command envelope (`envid`) and `seqid` it answers.
    public let repliesTo: CommandReference?
    /// `<resp code="200">SUCCESS_OK</resp>`.
    public let response: Response?
    public let channels: [Channel]
    public let channelIDs: [ChannelID]
    public let users: [User]
    public let fileTransfer: FileTransferRequest?
    public let token: FileToken?
    /// `sib` attributes (server info), as sent.
    public let serverInfo: [String: String]?
    /// Room messages: the `grpchat` itself, or the `msg` entries of a history reply.
    public let messages: [ChatMessage]
    /// `bcq` history query: how many of the last messages.
    public let historyCount: Int?
    /// `fib` failures in a batch join: key and room.
    public let failures: [Failure]

    public struct CommandReference: Equatable, Sendable, Codable {
        public let envelopeID: String?
        public let sequenceID: String?
    }

    public struct Response: Equatable, Sendable, Codable {
        public let code: Int?
        public let text: String
    }

    /// `chanib`: a room's description.
    public struct Channel: Equatable, Sendable, Codable {
        public let uri: String?
        public let name: String?
        public let topic: String?
        public let description: String?
        /// `info` values by id (`urn:parlano:ma:info:ucnt` → user count …).
        public let info: [String: String]
        /// `prop` values by id (`urn:parlano:ma:prop:filepost` → `true` …).
        public let properties: [String: String]
        /// `aib` entries: key and the comma-separated uib ids (members, managers).
        public let affiliations: [Affiliation]
        /// Users named inside the room element (`ntc:part`).
        public let users: [User]
        public let messages: [ChatMessage]
    }

    public struct Affiliation: Equatable, Sendable, Codable {
        public let key: String?
        public let value: String?
        public let domain: String?
    }

    /// `chanid`: a room named by domain and GUID.
    public struct ChannelID: Equatable, Sendable, Codable {
        public let key: String?
        public let domain: String?
        public let value: String?

        /// The room URI the join splits: `ma-chan://domain/GUID`.
        public var uri: String? {
            guard let domain, let value else { return nil }
            return "ma-chan://\(domain)/\(value)"
        }
    }

    public struct User: Equatable, Sendable, Codable {
        public let id: String?
        public let uri: String?
        public let affiliations: [Affiliation]
    }

    /// `ftdb`: which file, for which room.
    public struct FileTransferRequest: Equatable, Sendable, Codable {
        public let channelURI: String?
        public let fileURL: String?
    }

    /// `token` with the web service that takes the file.
    public struct FileToken: Equatable, Sendable, Codable {
        public let token: String?
        public let serverURI: String?
    }

    public struct ChatMessage: Equatable, Sendable, Codable {
        public let channelURI: String?
        public let author: String?
        public let timestamp: String?
        public let text: String
    }

    public struct Failure: Equatable, Sendable, Codable {
        public let key: String?
        public let value: String?
        public let domain: String?
    }
}
