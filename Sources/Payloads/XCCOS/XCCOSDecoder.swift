import SafeXML

/// Reads an XCCOS envelope from its parsed XML ([MS-XCCOSIP]; element names as observed
/// in pidgin-sipe and real Lync 2013 traffic, see the protocol notes §1).
enum XCCOSDecoder {
    static func decode(_ root: XMLElement) -> XCCOSDocument {
        XCCOSDocument(version: root[attribute: "ver"], envelopeID: root[attribute: "envid"],
                      items: root.children.map(item))
    }

    static func item(_ element: XMLElement) -> XCCOSItem {
        let kind = XCCOSItem.Kind(rawValue: element.name) ?? .other
        let data = element.child("data")
        let scope = data ?? element
        var messages = scope.children(named: "msg").map(chatMessage)
        if kind == .groupChat { messages.insert(chatMessage(element), at: 0) }
        return XCCOSItem(
            kind: kind,
            id: element[attribute: "id"] ?? element.name,
            sequenceID: element[attribute: "seqid"],
            repliesTo: element.child("commandid").map {
                XCCOSItem.CommandReference(envelopeID: $0[attribute: "envid"], sequenceID: $0[attribute: "seqid"])
            },
            response: element.child("resp").map {
                XCCOSItem.Response(code: $0[attribute: "code"].flatMap { Int($0) }, text: $0.allText.trimmingWhitespace)
            },
            channels: scope.children(named: "chanib").map(channel),
            channelIDs: scope.children(named: "chanid").map {
                XCCOSItem.ChannelID(key: $0[attribute: "key"], domain: $0[attribute: "domain"], value: $0[attribute: "value"])
            },
            users: scope.children(named: "uib").map(user),
            fileTransfer: scope.child("ftdb").map {
                XCCOSItem.FileTransferRequest(channelURI: $0[attribute: "channelUri"], fileURL: $0[attribute: "fileUrl"])
            },
            token: scope.child("token").map {
                XCCOSItem.FileToken(token: $0[attribute: "token"], serverURI: $0[attribute: "serveruri"])
            },
            serverInfo: scope.child("sib")?.attributes,
            messages: messages,
            historyCount: scope.child("bcq")?.child("last")?[attribute: "cnt"].flatMap { Int($0) },
            failures: scope.children(named: "fib").map {
                XCCOSItem.Failure(key: $0[attribute: "key"], value: $0[attribute: "value"], domain: $0[attribute: "domain"])
            })
    }

    private static func channel(_ element: XMLElement) -> XCCOSItem.Channel {
        var info: [String: String] = [:], properties: [String: String] = [:]
        for entry in element.children(named: "info") { info[entry[attribute: "id"] ?? ""] = entry.allText.trimmingWhitespace }
        for entry in element.children(named: "prop") { properties[entry[attribute: "id"] ?? ""] = entry.allText.trimmingWhitespace }
        return XCCOSItem.Channel(
            uri: element[attribute: "uri"], name: element[attribute: "name"], topic: element[attribute: "topic"],
            description: element[attribute: "description"], info: info, properties: properties,
            affiliations: element.children(named: "aib").map(affiliation),
            users: element.children(named: "uib").map(user),
            messages: element.children(named: "msg").map(chatMessage))
    }

    private static func user(_ element: XMLElement) -> XCCOSItem.User {
        XCCOSItem.User(id: element[attribute: "id"], uri: element[attribute: "uri"],
                       affiliations: element.children(named: "aib").map(affiliation))
    }

    private static func affiliation(_ element: XMLElement) -> XCCOSItem.Affiliation {
        XCCOSItem.Affiliation(key: element[attribute: "key"], value: element[attribute: "value"], domain: element[attribute: "domain"])
    }

    private static func chatMessage(_ element: XMLElement) -> XCCOSItem.ChatMessage {
        XCCOSItem.ChatMessage(channelURI: element[attribute: "chanUri"], author: element[attribute: "author"],
                              timestamp: element[attribute: "ts"], text: element.child("chat")?.allText ?? "")
    }
}
