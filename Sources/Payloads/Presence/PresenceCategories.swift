import SafeXML

/// An `application/msrtc-event-categories+xml` document: one user's presence categories.
public struct PresenceCategories: Equatable, Sendable, Codable {
    public struct Category: Equatable, Sendable, Codable {
        public let name: String
        public let instance: String?
        public let publishTime: String?
        public let container: String?
        /// For `state`: its xsi:type (`aggregateState`, `userState`, `machineState`…).
        public let stateType: String?
        public let availability: Availability?
        public let activity: String?
        /// For `note`: the note text.
        public let note: String?
        /// For `contactCard`: the display name.
        public let displayName: String?
    }

    public let uri: String?
    public let categories: [Category]

    /// The aggregate availability, or the first one published.
    public var availability: Availability? {
        let states = categories.filter { $0.availability != nil }
        return (states.first { $0.stateType == "aggregateState" } ?? states.first)?.availability
    }

    public var summary: String {
        var line = SummaryLine()
        line.part("presence of ")
        line += uri ?? "?"
        if let availability { line.part(availability.band); line += " ("; line += String(availability.value); line += ")" }
        if let activity = categories.first(where: { $0.activity != nil })?.activity { line.part("activity "); line += activity }
        if let note = categories.first(where: { $0.note?.isEmpty == false })?.note {
            line.part("note ")
            line += Abbreviation.quoted(note)
        }
        if let name = categories.first(where: { $0.displayName != nil })?.displayName {
            line.part("name \"")
            line += name
            line += "\""
        }
        line.part("categories: ")
        for (index, category) in categories.enumerated() {
            if index > 0 { line += ", " }
            line += category.name
        }
        return line.text
    }

    static func decode(_ root: XMLElement) -> PresenceCategories {
        PresenceCategories(uri: root[attribute: "uri"], categories: root.children(named: "category").map(category))
    }

    static func category(_ element: XMLElement) -> Category {
        let state = element.child("state")
        let activity = state?.child("activity")
        return Category(
            name: element[attribute: "name"] ?? "?",
            instance: element[attribute: "instance"],
            publishTime: element[attribute: "publishTime"],
            container: element[attribute: "container"],
            stateType: state?[attribute: "type"],
            availability: state?.childText("availability").flatMap { Int($0) }.map(Availability.init),
            activity: activity.map { $0[attribute: "token"] ?? $0.childText("custom") ?? "" }.flatMap { $0.isEmpty ? nil : $0 },
            note: element.child("note")?.child("body")?.allText.trimmingWhitespace,
            displayName: element.child("contactCard")?.descendants(named: "displayName").first?.allText.trimmingWhitespace
                ?? element.child("contactCard")?.descendants(named: "name").first?[attribute: "displayName"])
    }
}
