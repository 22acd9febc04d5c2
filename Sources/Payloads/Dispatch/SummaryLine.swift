/// A one-line summary written part by part as bytes and made text once: no array of parts
/// to join, no text made for a part only to be copied into the line, and no `String`
/// append per piece (a few hundred instructions each, against a copy of the bytes). Steps
/// of every scenario carry one, so it is made for nearly every message.
struct SummaryLine {
    private var bytes: [UInt8] = []
    private let separator: String
    /// Before the second part, when it differs from the others (`rpl:join 200 SUCCESS_OK, …`).
    private var nextSeparator: String?
    private var isEmpty = true

    init(separator: String = ", ", afterFirst: String? = nil, capacity: Int = 96) {
        self.separator = separator
        nextSeparator = afterFirst
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Starts a part: its separator first, unless it is the first.
    mutating func beginPart() {
        if isEmpty {
            isEmpty = false
        } else if let first = nextSeparator {
            self += first
            nextSeparator = nil
        } else {
            self += separator
        }
    }

    mutating func part(_ piece: String) {
        beginPart()
        self += piece
    }

    static func += (line: inout SummaryLine, piece: String) {
        var piece = piece
        piece.withUTF8 { line.bytes.append(contentsOf: $0) }
    }
}
