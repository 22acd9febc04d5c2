import Testing
@testable import Wire

@Suite struct FirstSeenTests {
    @Test func keepsFirstSeenOrderAndDropsRepeats() {
        var seen = FirstSeen<String>()
        let inserted = [seen.insert("b"), seen.insert("a"), seen.insert("b")]
        #expect(inserted == [true, true, false])
        #expect(seen.elements == ["b", "a"])
        #expect(seen.contains("a") && !seen.contains("c"))
    }

    /// Across the change from an array looked along to a set: every member is still
    /// found, no repeat is added, and the order stays the order of first sight.
    @Test func answersTheSameBeyondTheLinearLimit() {
        var seen = FirstSeen<Int>()
        let limit = FirstSeen<Int>.linearLimit
        let values = (0..<(limit * 3)).map { ($0 * 7) % (limit * 2) }
        var expected: [Int] = []
        for value in values {
            let isNew = !expected.contains(value)
            if isNew { expected.append(value) }
            let inserted = seen.insert(value)
            #expect(inserted == isNew)
        }
        #expect(seen.elements == expected)
        #expect(seen.count == limit * 2)
        for value in 0..<(limit * 2) { #expect(seen.contains(value)) }
        #expect(!seen.contains(limit * 2))
    }
}
