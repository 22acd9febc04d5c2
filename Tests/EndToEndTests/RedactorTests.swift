import Payloads
import Testing
@testable import Reports
@testable import Scenarios

@Suite("Redactor")
struct RedactorTests {
    /// A scenario naming `users` as participants and carrying `texts` and a file name.
    private func terms(users: [String], texts: [String] = [], file: String? = nil) -> Redactor.Terms {
        var details: [String: Detail] = ["texts": .texts(texts)]
        if let file { details["fileName"] = .text(file) }
        let scenario = Scenario(id: "s1", kind: .sendMessage, variant: nil, title: "",
                                participants: users.map { Scenario.Participant(uri: "sip:\($0)@contoso.com", role: .user, endpoints: []) },
                                outcome: .completed, steps: [], details: details)
        return Redactor.Terms(scenario)
    }

    @Test("a placeholder is never redacted again, whatever the later secrets")
    func placeholdersStay() {
        // The second user's name is the first one's placeholder, and "1@" ends both.
        let redactor = Redactor(terms: [terms(users: ["alice", "user1"], texts: ["1@"])])
        #expect(redactor.redact("From: sip:alice@contoso.com, sip:user1@contoso.com")
                == "From: sip:user1@contoso.com, sip:user2@contoso.com")
    }

    @Test("the longest secret that starts at a place wins")
    func longestFirst() {
        let redactor = Redactor(terms: [terms(users: ["bob"], texts: ["bo", "bob likes"])])
        #expect(redactor.redact("bob likes bo; bob@x") == "text2 text1; user1@x")
    }

    @Test("texts are found in their JSON form too: quotes, backslashes and line breaks escaped")
    func jsonEscapedTexts() {
        let secret = "say \"hi\"\nto C:\\dir"
        let redactor = Redactor(terms: [terms(users: [], texts: [secret], file: "a\tb.pdf")])
        #expect(redactor.redact(#"{"texts" : ["say \"hi\"\nto C:\\dir"], "fileName" : "a\tb.pdf"}"#)
                == #"{"texts" : ["text1"], "fileName" : "file1"}"#)
        #expect(redactor.redact("ladder: " + secret) == "ladder: text1")
    }

    @Test("a long text is found where a summary shows it cut short and on one line")
    func abbreviatedTexts() {
        let text = String(repeating: "confidential plans ", count: 6) + "\nand more"
        let redactor = Redactor(terms: [terms(users: [], texts: [text])])
        let summary = "MESSAGE text " + Abbreviation.quoted(text)
        #expect(redactor.redact(summary) == "MESSAGE text \"text1\"")
    }

    @Test("text around and between secrets, non-ASCII included, is kept as it is")
    func untouchedText() {
        let redactor = Redactor(terms: [terms(users: ["zoë"], texts: ["é"])])
        #expect(redactor.redact("café zoë@x — ok") == "caftext1 user1@x — ok")
        #expect(Redactor(terms: []).redact("nothing to hide") == "nothing to hide")
    }
}
