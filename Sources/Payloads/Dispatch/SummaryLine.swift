/// A one-line summary written part by part into one string, room for it reserved once: no
/// array of parts to join, and no text made for a part only to be copied into the line.
/// Steps of every scenario carry one, so it is made for nearly every message.
struct SummaryLine {
    private(set) var text = ""
    private let separator: String
    /// Before the second part, when it differs from the others (`rpl:join 200 SUCCESS_OK, …`).
    private var nextSeparator: String?
    private var isEmpty = true

    init(separator: String = ", ", afterFirst: String? = nil, capacity: Int = 96) {
        self.separator = separator
        nextSeparator = afterFirst
        text.reserveCapacity(capacity)
    }

    /// Starts a part: its separator first, unless it is the first.
    mutating func beginPart() {
        if isEmpty {
            isEmpty = false
        } else if let first = nextSeparator {
            text += first
            nextSeparator = nil
        } else {
            text += separator
        }
    }

    mutating func part(_ piece: String) {
        beginPart()
        text += piece
    }

    static func += (line: inout SummaryLine, piece: String) { line.text += piece }
}
