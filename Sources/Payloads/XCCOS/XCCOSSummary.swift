extension XCCOSDocument {
    /// One line: what each item does, e.g. `rpl:join 200 SUCCESS_OK, room "Release Team", 2 users (answers envid 5001)`.
    public var summary: String {
        guard !items.isEmpty else { return "XCCOS envelope \(envelopeID ?? "?") with no command" }
        var text = ""
        for (index, item) in items.enumerated() {
            if index > 0 { text += "; " }
            text += item.summary
        }
        return text
    }
}

extension XCCOSItem {
    public var summary: String {
        // `rpl:join, 200 SUCCESS_OK` reads better as `rpl:join 200 SUCCESS_OK`: the first `, `
        // becomes a space; inside the id when the id holds one.
        var line: SummaryLine
        if let comma = Self.firstCommaSpace(in: id) {
            line = SummaryLine()
            line.part(String(id[..<comma]) + " " + String(id[id.utf8.index(comma, offsetBy: 2)...]))
        } else {
            line = SummaryLine(afterFirst: " ")
            line.part(id)
        }
        if let response {
            line.beginPart()
            if let code = response.code { line += String(code) + " " }
            line += response.text
        }
        if kind == .groupChat, let message = messages.first {
            line.part(message.author ?? "?")
            line += " in "
            line += message.channelURI ?? "?"
            line += ": "
            line += Abbreviation.quoted(message.text)
        }
        for room in channelIDs { line.part("room "); line += room.uri ?? room.value ?? "?" }
        for room in channels {
            line.part("room ")
            if let name = room.name { line += "\""; line += name; line += "\"" } else { line += room.uri ?? "?" }
            if let topic = room.topic, !topic.isEmpty { line += " topic \""; line += topic; line += "\"" }
        }
        if !users.isEmpty {
            if users.count == 1 {
                line.part("user ")
                line += users[0].uri ?? "?"
            } else {
                line.part(String(users.count) + " users")
            }
        }
        if let fileTransfer {
            line.part("file ")
            line += fileTransfer.fileURL ?? "?"
            line += " for "
            line += fileTransfer.channelURI ?? "?"
        }
        if let token { line.part("token "); line += token.token ?? "?"; line += " at "; line += token.serverURI ?? "?" }
        if let historyCount { line.part("last " + String(historyCount) + " messages") }
        if kind != .groupChat, !messages.isEmpty { line.part(String(messages.count) + " history messages") }
        if !failures.isEmpty { line.part(String(failures.count) + " failed") }
        if let repliesTo { line.part("(answers envid "); line += repliesTo.envelopeID ?? "?"; line += ")" }
        return line.text
    }

    /// Where `, ` first occurs in `text`, by bytes.
    private static func firstCommaSpace(in text: String) -> String.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while let comma = utf8[index...].firstIndex(of: UInt8(ascii: ",")) {
            let next = utf8.index(after: comma)
            if next < utf8.endIndex, utf8[next] == UInt8(ascii: " ") { return comma }
            index = next
        }
        return nil
    }
}
