/// Short, single-line renderings of wire text for summaries.
public enum Abbreviation {
    public static let maximumLength = 80

    /// The text on one line, cut at `maximumLength` characters, in quotes.
    public static func quoted(_ text: String) -> String {
        // Printable ASCII, as most texts are: characters are bytes, nothing to join.
        if text.utf8.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) {
            let cut = text.utf8.count > maximumLength ? String(decoding: text.utf8.prefix(maximumLength), as: UTF8.self) + "…" : text
            return "\"\(cut)\""
        }
        let oneLine = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        let cut = oneLine.count > maximumLength ? String(oneLine.prefix(maximumLength)) + "…" : oneLine
        return "\"\(cut)\""
    }
}
