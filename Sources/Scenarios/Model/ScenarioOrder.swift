import Wire

/// Where a scenario stands in a report: by start, then by the conversation it was
/// recognised from (in order of first message), then by its place in that recognition.
/// Scenarios recognised batch by batch sort into the order one pass over the whole
/// capture gives.
public struct ScenarioOrder: Comparable, Sendable {
    public let start: Timestamp
    public let conversation: Int
    public let index: Int

    public init(start: Timestamp?, conversation: Int, index: Int) {
        self.start = start ?? Timestamp(seconds: 0, nanoseconds: 0)
        self.conversation = conversation
        self.index = index
    }

    public static func < (lhs: ScenarioOrder, rhs: ScenarioOrder) -> Bool {
        (lhs.start, lhs.conversation, lhs.index) < (rhs.start, rhs.conversation, rhs.index)
    }
}

/// A recognised scenario and its place in the report; its `id` is given once every
/// scenario of the capture is known.
public struct OrderedScenario: Sendable {
    public var scenario: Scenario
    public let order: ScenarioOrder
}
