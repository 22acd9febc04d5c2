import SafeXML

/// A category publish (`application/msrtc-category-publish+xml`, SERVICE): one's own
/// presence categories with their instance, container and version.
public struct CategoryPublication: Equatable, Sendable, Codable {
    public struct Publication: Equatable, Sendable, Codable {
        public let categoryName: String?
        public let instance: String?
        public let container: String?
        public let version: String?
        public let expireType: String?
        /// `expires="0"` clears the instance.
        public let expires: String?
        public let availability: Availability?
        public let note: String?
    }

    public let uri: String?
    public let publications: [Publication]

    public var summary: String {
        var text = "publish " + publications.map { publication in
            var item = publication.categoryName ?? "?"
            if let container = publication.container { item += "@\(container)" }
            if publication.expires == "0" { item += " (clear)" }
            return item
        }.joined(separator: ", ")
        if let availability = publications.compactMap(\.availability).first {
            text += ", \(availability.band) (\(availability.value))"
        }
        if let note = publications.compactMap(\.note).first(where: { !$0.isEmpty }) { text += ", note \(Abbreviation.quoted(note))" }
        return text
    }

    static func decode(_ root: XMLElement) -> CategoryPublication {
        let list = root.child("publications")
        return CategoryPublication(
            uri: list?[attribute: "uri"],
            publications: (list ?? root).children(named: "publication").map { element in
                Publication(categoryName: element[attribute: "categoryName"], instance: element[attribute: "instance"],
                            container: element[attribute: "container"], version: element[attribute: "version"],
                            expireType: element[attribute: "expireType"], expires: element[attribute: "expires"],
                            availability: element.child("state")?.childText("availability").flatMap { Int($0) }.map(Availability.init),
                            note: element.child("note")?.child("body")?.allText.trimmingWhitespace)
            })
    }
}
