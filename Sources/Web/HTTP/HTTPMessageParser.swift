import SafeXML

/// Reads HTTP/1.1 messages (RFC 9112) from one direction of a connection: the head,
/// then a body by Content-Length, chunked coding, or — for a response without either —
/// to the end of the connection. Bodies are counted; only XML bodies up to
/// `maximumKeptBody` are kept, for SOAP.
struct HTTPMessageParser {
    struct Message: Equatable {
        let startLine: String
        let headers: [(name: String, value: String)]
        let bodyLength: Int
        /// The body when it is XML and small enough to keep; nil otherwise.
        let xmlBody: [UInt8]?

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        static func == (lhs: Message, rhs: Message) -> Bool {
            lhs.startLine == rhs.startLine && lhs.bodyLength == rhs.bodyLength && lhs.xmlBody == rhs.xmlBody
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
    }

    enum State: Equatable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case failed
    }

    static let maximumHead = 64 << 10
    static let maximumKeptBody = 4 << 20

    private(set) var state: State = .head
    private var buffer: [UInt8] = []
    /// Where the search for the end of the head resumes, so a head that arrives a few
    /// bytes at a time is scanned once, not once per segment.
    private var headScanOffset = 0
    private var head: (startLine: String, headers: [(String, String)])?
    private var bodyLength = 0
    private var keptBody: [UInt8]?
    private(set) var failure: String?

    /// True if `bytes` open with an HTTP/1.x request or status line.
    static func looksLikeHTTP(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let prefix = String(decoding: bytes.prefix(16), as: UTF8.self)
        if prefix.hasPrefix("HTTP/1.") { return true }
        let methods = ["GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "TRACE "]
        guard methods.contains(where: prefix.hasPrefix) else { return false }
        let line = String(decoding: bytes.prefix(8192).prefix { $0 != 0x0A }, as: UTF8.self)
        return line.contains(" HTTP/1.") || !bytes.prefix(8192).contains(0x0A)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) -> [Message] {
        guard state != .failed else { return [] }
        buffer.append(contentsOf: bytes)
        var messages: [Message] = []
        while true {
            let before = (state, buffer.count)
            if let message = step() { messages.append(message); continue }
            // Stop when a step neither changed state nor consumed bytes: it needs more input.
            if state == before.0 && buffer.count == before.1 { break }
        }
        return messages
    }

    /// The connection ended: a body read to the close is complete now.
    mutating func finish() -> Message? {
        guard state == .untilClose, let head else { return nil }
        defer { state = .head; self.head = nil }
        return Message(startLine: head.startLine, headers: head.headers, bodyLength: bodyLength + buffer.count, xmlBody: nil)
    }

    private mutating func step() -> Message? {
        switch state {
        case .failed:
            return nil
        case .head:
            guard readHead() else { return nil }
            return completeIfBodyless()
        case .fixedBody(let remaining):
            let taken = take(remaining)
            state = remaining - taken > 0 ? .fixedBody(remaining: remaining - taken) : .head
            return state == .head ? complete() : nil
        case .chunkSize:
            guard let line = takeLine() else { return nil }
            let sizeText = line.split(separator: ";").first.map(String.init)?.trimmingWhitespace ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return fail("bad chunk size '\(sizeText.prefix(20))'") }
            state = size == 0 ? .trailers : .chunkData(remaining: size)
            return nil
        case .chunkData(let remaining):
            let taken = take(remaining)
            state = remaining - taken > 0 ? .chunkData(remaining: remaining - taken) : .chunkDataEnd
            return nil
        case .chunkDataEnd:
            guard takeLine() != nil else { return nil }
            state = .chunkSize
            return nil
        case .trailers:
            guard let line = takeLine() else { return nil }
            guard line.isEmpty else { return nil }
            state = .head
            return complete()
        case .untilClose:
            _ = take(buffer.count)
            return nil
        }
    }

    private mutating func readHead() -> Bool {
        let blankLines = buffer.prefix { $0 == 0x0D || $0 == 0x0A }.count
        if blankLines > 0 {
            buffer.removeFirst(blankLines)
            headScanOffset = 0
        }
        guard let end = headEnd() else {
            if buffer.count > Self.maximumHead { _ = fail("HTTP head over \(Self.maximumHead) bytes") }
            return false
        }
        let text = String(decoding: buffer[..<end.headLength], as: UTF8.self)
        buffer.removeFirst(end.bodyStart)
        headScanOffset = 0
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].trimmingWhitespace, line[line.index(after: colon)...].trimmingWhitespace)
        }
        head = (lines.first.map(String.init) ?? "", headers)
        bodyLength = 0
        let contentType = headers.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
        keptBody = contentType.contains("xml") ? [] : nil
        let isResponse = text.hasPrefix("HTTP/")
        let status = isResponse ? Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0 : 0
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            state = .chunkSize
        } else if let length = headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }), length >= 0 {
            state = length > 0 ? .fixedBody(remaining: length) : .head
        } else if isResponse, status >= 200, status != 204, status != 304 {
            state = .untilClose
        } else {
            state = .head
        }
        return true
    }

    private mutating func completeIfBodyless() -> Message? {
        state == .head ? complete() : nil
    }

    private mutating func complete() -> Message? {
        guard let head else { return nil }
        defer { self.head = nil; keptBody = nil }
        return Message(startLine: head.startLine, headers: head.headers, bodyLength: bodyLength, xmlBody: keptBody)
    }

    private mutating func take(_ count: Int) -> Int {
        let taken = min(count, buffer.count)
        if keptBody != nil {
            if (keptBody?.count ?? 0) + taken <= Self.maximumKeptBody { keptBody?.append(contentsOf: buffer[..<taken]) } else { keptBody = nil }
        }
        bodyLength += taken
        buffer.removeFirst(taken)
        return taken
    }

    private mutating func takeLine() -> String? {
        guard let newline = buffer.firstIndex(of: 0x0A) else {
            if buffer.count > 4096 { _ = fail("chunk line over 4096 bytes") }
            return nil
        }
        var line = Array(buffer[..<newline])
        if line.last == 0x0D { line.removeLast() }
        buffer.removeFirst(newline + 1)
        return String(decoding: line, as: UTF8.self)
    }

    private mutating func headEnd() -> (headLength: Int, bodyStart: Int)? {
        // The last two bytes scanned may begin the blank line the new bytes complete.
        var index = max(0, headScanOffset - 2)
        defer { headScanOffset = buffer.count }
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index + 1, index + 3) }
            }
            index += 1
        }
        return nil
    }

    private mutating func fail(_ reason: String) -> Message? {
        failure = reason
        state = .failed
        buffer.removeAll()
        return nil
    }
}
