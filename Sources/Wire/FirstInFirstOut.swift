/// A queue that hands out its oldest element without moving the others each time: a taken
/// slot is emptied at once (so what it held goes now, not when the queue moves on), and the
/// taken slots are dropped together once `compactingAfter` of them have gone.
public struct FirstInFirstOut<Element> {
    private var elements: [Element] = []
    private var head = 0
    private let vacated: Element
    private let compactingAfter: Int

    /// `vacated` stands in a slot once its element has been taken.
    public init(vacated: Element, compactingAfter: Int) {
        self.vacated = vacated
        self.compactingAfter = compactingAfter
    }

    public var count: Int { elements.count - head }
    public var isEmpty: Bool { head == elements.count }

    public mutating func append(_ element: Element) { elements.append(element) }

    /// The oldest element, or nil when there is none.
    public mutating func removeFirst() -> Element? {
        guard head < elements.count else { return nil }
        let first = elements[head]
        elements[head] = vacated
        head += 1
        if head >= compactingAfter {
            elements.removeFirst(head)
            head = 0
        }
        return first
    }

    public mutating func removeAll() {
        elements.removeAll()
        head = 0
    }
}
