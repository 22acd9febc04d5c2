import Payloads
import SIP
import Timeline
import Web

/// Walks a channel dialog's XCCOS exchanges in order and cuts them into scenarios.
struct ChatScenarioBuilder {
    let conversation: Conversation
    let context: RecognitionContext
    let lookup: Conversation?
    private var scenarios: [Scenario] = []
    private var joinSteps: [AnalysedMessage] = []
    private var joinReply: XCCOSItem?
    private var room: String?
    private var historyCount = 0
    private var pendingToken: (command: XCCOSExchange, reply: XCCOSExchange?)?
    private var leaveSteps: [AnalysedMessage] = []
    private var leaveSucceeded = false

    init(conversation: Conversation, context: RecognitionContext, lookup: Conversation?) {
        self.conversation = conversation
        self.context = context
        self.lookup = lookup
        // The channel INVITE, its answer and ACK open the join.
        joinSteps = (lookup?.messages ?? []) + conversation.messages.filter {
            $0.observed.message.cseq?.method == .invite || $0.observed.message.cseq?.method == .ack
        }
    }

    mutating func add(_ exchange: XCCOSExchange) {
        let id = exchange.item.id
        switch id {
        case "cmd:join", "cmd:bjoin", "rpl:join", "rpl:bjoin", "cmd:bccontext", "rpl:bccontext", "cmd:requri", "rpl:requri":
            joinSteps += exchange.messages
            if id.hasPrefix("rpl:join") || id.hasPrefix("rpl:bjoin") { joinReply = exchange.item }
            room = room ?? exchange.item.channelIDs.first?.uri ?? exchange.item.channels.first?.uri
            if id == "rpl:bccontext" { historyCount += exchange.item.channels.flatMap(\.messages).count + exchange.item.messages.count }
        case "cmd:getfutok", "cmd:getfdtok":
            pendingToken = (exchange, nil)
        case "rpl:getftok":
            if let command = pendingToken?.command { pendingToken = (command, exchange) }
            if pendingToken?.command.item.id == "cmd:getfdtok" { emitTransfer(announcement: nil) }
        case "grpchat":
            if let token = pendingToken, token.command.item.id == "cmd:getfutok", exchange.fromClient {
                emitTransfer(announcement: exchange)
            } else {
                emitPost(exchange)
            }
        case "cmd:part", "rpl:part":
            leaveSteps += exchange.messages
            if id == "rpl:part" { leaveSucceeded = exchange.succeeded }
        default:
            joinSteps += exchange.messages
        }
    }

    mutating func finish() -> [Scenario] {
        if pendingToken != nil { emitTransfer(announcement: nil) }
        let bye = conversation.messages.filter { $0.observed.message.cseq?.method == .bye }
        var result: [Scenario] = []
        if !joinSteps.isEmpty {
            let name = joinReply?.channels.first?.name
            var details: [String: Detail] = [:]
            if let room { details["room"] = .text(room) }
            if let name { details["roomName"] = .text(name) }
            details["members"] = .texts(joinReply?.users.compactMap(\.uri) ?? [])
            if historyCount > 0 { details["history"] = .number(historyCount) }
            if let manager = managementURL() { details["roomManagementUrl"] = .text(manager) }
            let outcome: Scenario.Outcome = joinReply.map { $0.response?.code == 200 ? .completed : .failed($0.response?.text) } ?? .incomplete
            result.append(scenario(.chatRoomJoin, "\(conversation.initiator ?? "?") joins \(name ?? room ?? "a room")",
                                   joinSteps, outcome: outcome, details: details))
        }
        result += scenarios
        if !leaveSteps.isEmpty {
            result.append(scenario(.chatRoomLeave, "\(conversation.initiator ?? "?") leaves \(room ?? "the room")",
                                   leaveSteps + bye, outcome: leaveSucceeded ? .completed : .incomplete,
                                   details: room.map { ["room": .text($0)] } ?? [:]))
        } else if !bye.isEmpty, let last = result.indices.last {
            // The session ended without cmd:part: its BYE closes the last scenario.
            result[last] = result[last].appending(bye.map(StepMaker.step))
        }
        return result
    }

    private mutating func emitPost(_ exchange: XCCOSExchange) {
        guard let chat = exchange.item.messages.first else { return }
        let delivered = exchange.messages.contains { $0.observed.message.statusCode == 200 }
        var details: [String: Detail] = ["texts": .texts([chat.text]), "author": .text(chat.author ?? "?"),
                                         "direction": .text(exchange.fromClient ? "posted" : "relayed")]
        if let channel = chat.channelURI { details["room"] = .text(channel) }
        room = room ?? chat.channelURI
        scenarios.append(scenario(.chatRoomPost, "\(chat.author ?? "?") posts in \(chat.channelURI ?? "a room")", exchange.messages,
                                  outcome: delivered ? .completed : .incomplete, details: details,
                                  extraUsers: [chat.author].compactMap { $0.flatMap(NameAddress.addressOfRecord) }))
    }

    private mutating func emitTransfer(announcement: XCCOSExchange?) {
        guard let token = pendingToken else { return }
        pendingToken = nil
        let upload = token.command.item.id == "cmd:getfutok"
        var messages = token.command.messages + (token.reply?.messages ?? []) + (announcement?.messages ?? [])
        messages.sort { $0.observed.frame < $1.observed.frame }
        var steps = messages.map(StepMaker.step)
        let connections = matchingConnections(token)
        connections.forEach(context.consume)
        steps += connections.map(StepMaker.step)
        steps.sort { $0.time < $1.time }
        let bytes = connections.reduce(0) { $0 + (upload ? $1.toServerBytes : $1.toClientBytes) }
        var details: [String: Detail] = ["fileName": .text(token.command.item.fileTransfer?.fileURL ?? "?"),
                                         "connections": .number(connections.count),
                                         upload ? "uploadedBytes" : "downloadedBytes": .number(bytes)]
        if let server = token.reply?.item.token?.serverURI { details["serverUri"] = .text(server) }
        if let value = token.reply?.item.token?.token { details["token"] = .text(value) }
        if let channel = token.command.item.fileTransfer?.channelURI { details["room"] = .text(channel) }
        let outcome: Scenario.Outcome = token.reply?.succeeded == true && !connections.isEmpty ? .completed
            : token.reply == nil || connections.isEmpty ? .incomplete : .failed(token.reply?.item.response?.text)
        let host = token.reply?.item.token?.serverURI.flatMap(Self.host)
        scenarios.append(Scenario(id: "", kind: .fileTransfer, variant: upload ? "chat-room-upload" : "chat-room-download",
                                  title: "\(token.command.item.fileTransfer?.fileURL ?? "a file") \(upload ? "posted to" : "fetched from") the room",
                                  participants: StepMaker.participants(messages, identities: context.identities,
                                                                       rooms: [token.command.item.fileTransfer?.channelURI].compactMap { $0 },
                                                                       extraServers: host.map { [$0] } ?? []),
                                  outcome: outcome, steps: steps, details: details))
    }

    /// HTTPS connections to the token's service host from the client's address, soon after the reply.
    private func matchingConnections(_ token: (command: XCCOSExchange, reply: XCCOSExchange?)) -> [WebConnection] {
        guard let reply = token.reply, let server = reply.item.token?.serverURI, let host = Self.host(server),
              let replyTime = reply.messages.last?.observed.time,
              let clientAddress = token.command.messages.first?.observed.source.address else { return [] }
        return context.connections.filter { connection in
            !context.isConsumed(connection) && connection.client.address == clientAddress
                && (connection.clientHello?.serverName == host || connection.requests.contains { $0.host?.hasPrefix(host) == true })
                && connection.start >= replyTime && connection.start.seconds(since: replyTime) <= ChatRecognizer.transferWindow
        }
    }

    /// `https://pool01.contoso.com:8443/…` → `pool01.contoso.com`.
    static func host(_ uri: String) -> String? {
        guard let schemeEnd = uri.range(of: "://") else { return nil }
        let rest = uri[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        return String(authority.prefix { $0 != ":" })
    }

    /// The room's view/edit page, when a room-management base URL is known.
    private func managementURL() -> String? {
        guard let room else { return nil }
        return context.roomManagementBase.flatMap { RoomManagementURL.view(base: $0, room: room) }
    }

    private func scenario(_ kind: Scenario.Kind, _ title: String, _ messages: [AnalysedMessage], outcome: Scenario.Outcome,
                          details: [String: Detail], extraUsers: [String] = []) -> Scenario {
        let ordered = messages.sorted { $0.observed.frame < $1.observed.frame }
        return Scenario(id: "", kind: kind, variant: nil, title: title,
                        participants: StepMaker.participants(ordered, identities: context.identities, rooms: room.map { [$0] } ?? [],
                                                             extraUsers: extraUsers),
                        outcome: outcome, steps: ordered.map(StepMaker.step), details: details)
    }
}
