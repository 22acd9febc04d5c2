import Testing
import Wire

@Suite("HashedText")
struct HashedTextTests {
    @Test("equal exactly when the texts are equal, hashed as its text is, wherever it was made")
    func equalityAndHashing() {
        let texts = ["7f01fe787cd9b310", "sip:a0001@contoso.com", "sip:A0001@contoso.com", "", "é", "e\u{301}"]
        for first in texts {
            for second in texts {
                #expect((HashedText(first) == HashedText(second)) == (first == second), "\(first) \(second)")
            }
            // The same text in storage of its own: equal, and equally hashed.
            let copy = HashedText(String(decoding: Array(first.utf8), as: UTF8.self))
            #expect(copy == HashedText(first) && copy.hashValue == HashedText(first).hashValue)
        }
        // Canonically equal strings are equal Strings, so equal keys with equal hashes.
        #expect(HashedText("é") == HashedText("e\u{301}"))
        #expect(HashedText("é").hashValue == HashedText("e\u{301}").hashValue)
        let literal: HashedText = "sip:bob@contoso.com"
        #expect(literal.text == "sip:bob@contoso.com" && literal.description == literal.text)
        var table: [HashedText: Int] = [:]
        for (index, text) in texts.enumerated() { table[HashedText(text), default: index] = index }
        #expect(table[HashedText("sip:a0001@contoso.com")] == 1 && table[HashedText("sip:a0002@contoso.com")] == nil)
    }
}
