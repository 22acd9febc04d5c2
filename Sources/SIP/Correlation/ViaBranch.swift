/// Reads the parts of the topmost Via that identify a transaction (RFC 3261 §17.2.3).
enum ViaBranch {
    /// RFC 3261 branches start with this magic cookie; older stacks' branches cannot be trusted.
    static let magicCookie = "z9hG4bK"

    /// The `branch` parameter of the first Via value, if it carries the magic cookie.
    static func rfc3261Branch(of message: SIPMessage) -> String? {
        guard let top = message.first(.via).map(HeaderValueSplitter.first) else { return nil }
        for parameter in top.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == "branch" else { continue }
            let branch = pair[1].trimmingSpaces
            return branch.hasPrefix(magicCookie) && branch.count > magicCookie.count ? branch : nil
        }
        return nil
    }
}
