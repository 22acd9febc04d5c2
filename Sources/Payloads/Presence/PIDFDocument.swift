import SafeXML

/// RFC 3863 presence (`application/pidf+xml`), and the OCS 2005 `text/xml+msrtc.pidf`
/// presentity form, reduced to what a ladder shows.
public struct PIDFDocument: Equatable, Sendable, Codable {
    public struct Tuple: Equatable, Sendable, Codable {
        public let id: String?
        /// `open` or `closed`.
        public let basic: String?
        public let note: String?
    }

    public let entity: String?
    public let tuples: [Tuple]
    public let notes: [String]
    /// OCS 2005 presentity: aggregate availability.
    public let availability: Availability?

    public var summary: String {
        var parts = ["presence of \(entity ?? "?")"]
        let states = tuples.compactMap(\.basic)
        if !states.isEmpty { parts.append(states.joined(separator: "/")) }
        if let availability { parts.append("\(availability.band) (\(availability.value))") }
        if let note = (notes + tuples.compactMap(\.note)).first { parts.append("note \(Abbreviation.quoted(note))") }
        return parts.joined(separator: ", ")
    }

    static func decode(_ root: XMLElement) -> PIDFDocument {
        if root.name == "presentity" {
            return PIDFDocument(entity: root[attribute: "uri"], tuples: [], notes: [],
                                availability: root.child("availability")?[attribute: "aggregate"].flatMap { Int($0) }.map(Availability.init))
        }
        return PIDFDocument(
            entity: root[attribute: "entity"],
            tuples: root.children(named: "tuple").map { tuple in
                Tuple(id: tuple[attribute: "id"], basic: tuple.child("status")?.childText("basic"), note: tuple.childText("note"))
            },
            notes: root.children(named: "note").map { $0.allText.trimmingWhitespace },
            availability: nil)
    }
}
