extension XCCOSDocument {
    /// One line: what each item does, e.g. `rpl:join 200 SUCCESS_OK, room "Release Team", 2 users (answers envid 5001)`.
    public var summary: String {
        guard !items.isEmpty else { return "XCCOS envelope \(envelopeID ?? "?") with no command" }
        return items.map(\.summary).joined(separator: "; ")
    }
}

extension XCCOSItem {
    public var summary: String {
        var parts = [id]
        if let response { parts.append([response.code.map(String.init), response.text].compactMap { $0 }.joined(separator: " ")) }
        if kind == .groupChat, let message = messages.first {
            parts.append("\(message.author ?? "?") in \(message.channelURI ?? "?"): \(Abbreviation.quoted(message.text))")
        }
        for room in channelIDs { parts.append("room \(room.uri ?? room.value ?? "?")") }
        for room in channels {
            var text = "room " + (room.name.map { "\"\($0)\"" } ?? room.uri ?? "?")
            if let topic = room.topic, !topic.isEmpty { text += " topic \"\(topic)\"" }
            parts.append(text)
        }
        if !users.isEmpty { parts.append(users.count == 1 ? "user \(users[0].uri ?? "?")" : "\(users.count) users") }
        if let fileTransfer { parts.append("file \(fileTransfer.fileURL ?? "?") for \(fileTransfer.channelURI ?? "?")") }
        if let token { parts.append("token \(token.token ?? "?") at \(token.serverURI ?? "?")") }
        if let historyCount { parts.append("last \(historyCount) messages") }
        if kind != .groupChat, !messages.isEmpty { parts.append("\(messages.count) history messages") }
        if !failures.isEmpty { parts.append("\(failures.count) failed") }
        if let repliesTo { parts.append("(answers envid \(repliesTo.envelopeID ?? "?"))") }
        return Self.joinedReplacingFirstSeparator(parts)
    }

    /// `rpl:join, 200 SUCCESS_OK` reads better as `rpl:join 200 SUCCESS_OK`: the first `, `
    /// of the joined parts becomes a space.
    private static func joinedReplacingFirstSeparator(_ parts: [String]) -> String {
        // When the id holds no comma, the first `, ` is the first separator.
        if parts.count >= 2, !parts[0].utf8.contains(UInt8(ascii: ",")) {
            return parts[0] + " " + parts.dropFirst().joined(separator: ", ")
        }
        let joined = parts.joined(separator: ", ")
        guard let range = joined.range(of: ", ") else { return joined }
        return joined.replacingCharacters(in: range, with: " ")
    }
}
