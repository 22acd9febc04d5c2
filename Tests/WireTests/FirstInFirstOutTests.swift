import Testing
import Wire

@Suite("FirstInFirstOut")
struct FirstInFirstOutTests {
    @Test("elements come out in the order they went in, across compactions")
    func order() {
        var queue = FirstInFirstOut<Int>(vacated: -1, compactingAfter: 3)
        var taken: [Int] = []
        for value in 0..<10 {
            queue.append(value)
            if value % 2 == 1, let first = queue.removeFirst() { taken.append(first) }
        }
        #expect(queue.count == 5)
        while let first = queue.removeFirst() { taken.append(first) }
        #expect(taken == Array(0..<10))
        #expect(queue.isEmpty && queue.removeFirst() == nil)
    }

    @Test("a taken element is let go at once")
    func releasesTaken() {
        final class Box {}
        weak var watched: Box?
        var queue = FirstInFirstOut<Box?>(vacated: nil, compactingAfter: 100)
        do {
            let box = Box()
            watched = box
            queue.append(box)
            queue.append(Box())
            _ = queue.removeFirst()
        }
        #expect(watched == nil)
        #expect(queue.count == 1)
        queue.removeAll()
        #expect(queue.isEmpty)
    }
}
