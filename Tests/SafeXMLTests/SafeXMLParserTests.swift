import Foundation
import SafeXML
import Testing

func parse(_ text: String, limits: XMLLimits = .default) throws(XMLError) -> XMLElement {
    try SafeXMLParser.parse(Array(text.utf8), limits: limits)
}

@Suite("Safe XML parsing")
struct SafeXMLParserTests {
    @Test("elements, namespaces, prefixed attributes and text")
    func parsesDocuments() throws {
        let root = try parse("""
            <?xml version="1.0"?><xccos ver="1" envid="5001" xmlns="urn:parlano:xml:ns:xccos" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><cmd id="cmd:join" seqid="1">\
            <data><chanid key="0" domain="contoso.com" value="6f1d"/></data></cmd>\
            <state xsi:type="userState">x &amp; <![CDATA[y]]></state></xccos>
            """)
        #expect(root.name == "xccos")
        #expect(root.namespace == "urn:parlano:xml:ns:xccos")
        #expect(root[attribute: "envid"] == "5001")
        #expect(root.child("cmd")?.descendants(named: "chanid").first?[attribute: "value"] == "6f1d")
        #expect(root.child("state")?[attribute: "type"] == "userState")
        #expect(root.child("state")?.text == "x & y")
    }

    @Test("references in attribute values and text are resolved, an escaped ampersand included")
    func references() throws {
        let root = try parse("<r v=\"a &amp; b &#38; c &lt;d&gt; &#x41;&quot;\">x &amp;&#38; y &lt;</r>")
        #expect(root[attribute: "v"] == "a & b & c <d> A\"")
        #expect(root.text == "x && y <")
    }

    @Test("an undeclared prefix stays in the name, as libxml2's own tree names it")
    func undeclaredPrefix() throws {
        let root = try parse("<p:r q:v=\"1\" xmlns:x=\"urn:x\"><x:c x:w=\"2\"/></p:r>")
        #expect(root.name == "p:r")
        #expect(root.namespace == nil)
        #expect(root[attribute: "q:v"] == "1")
        #expect(root.child("c")?.namespace == "urn:x")
        #expect(root.child("c")?[attribute: "w"] == "2")
    }

    @Test("text split by comments and child elements is the element's own text, joined")
    func textAroundChildren() throws {
        let root = try parse("<r>a<!-- note -->b<c>inner</c>\n  c<?pi x?></r>")
        #expect(root.text == "ab\n  c")
        #expect(root.allText == "ab\n  cinner")
    }

    @Test("a document refused part way leaves nothing behind for the next one")
    func reuseAfterFailure() throws {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        for _ in 0..<3 {
            #expect((try #require(throws: XMLError.self) { try parse(deep) }).code == .tooDeep)
            #expect(throws: XMLError.self) { try parse("<a><b></a>") }
            let root = try parse("<r xmlns=\"urn:r\"><c n=\"1\"/><c n=\"2\"/></r>")
            #expect(root.namespace == "urn:r")
            #expect(root.children(named: "c").map { $0[attribute: "n"] } == ["1", "2"])
        }
    }

    @Test("names stay right from document to document, each new name among known ones")
    func namesAcrossDocuments() throws {
        for index in 0..<300 {
            let element = "e\(index % 37)x\(index)", attribute = "a\(index % 11)", namespace = "urn:n\(index % 5)"
            let root = try parse("<r\(index % 3) xmlns=\"\(namespace)\"><\(element) \(attribute)=\"\(index)\"/><c/></r\(index % 3)>")
            #expect(root.name == "r\(index % 3)")
            #expect(root.namespace == namespace)
            #expect(root.children.map(\.name) == [element, "c"])
            #expect(root.children.first?.attributeList == [XMLAttribute(name: attribute, value: "\(index)")])
        }
    }

    @Test("documents full of made-up names come out right across the retirement of a full parser session")
    func manyDistinctNames() throws {
        // 30 documents of 1,000 names each: past 20,000 names a parser session is retired,
        // and the documents after that come out as right as those before.
        for document in 0..<30 {
            let names = (0..<1000).map { "n\(document)x\($0)" }
            let root = try parse("<r>" + names.map { "<\($0)/>" }.joined() + "</r>")
            #expect(root.children.map(\.name) == names)
        }
    }

    @Test("documents parsed on many threads at once come out whole")
    func concurrentParsing() async throws {
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    try (0..<200).map { index in
                        let root = try parse("<r id=\"\(task)-\(index)\"><c>\(index)</c></r>")
                        return "\(root[attribute: "id"] ?? "") \(root.child("c")?.text ?? "")"
                    }
                }
            }
            var all: [String] = []
            for try await part in group { all += part }
            return all
        }
        let expected = (0..<8).flatMap { task in (0..<200).map { "\(task)-\($0) \($0)" } }
        #expect(results.sorted() == expected.sorted())
    }

    @Test("a billion-laughs document is refused at once")
    func billionLaughs() throws {
        var bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            bomb += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        bomb += "]><lolz>&lol9;</lolz>"
        let started = Date()
        let error = try #require(throws: XMLError.self) { try parse(bomb) }
        #expect(error.code == .doctypeRefused)
        #expect(Date().timeIntervalSince(started) < 0.1)
    }

    @Test("an external entity is refused and never fetched")
    func externalEntity() throws {
        let xxe = "<?xml version=\"1.0\"?><!doctype r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        #expect(throws: XMLError(.doctypeRefused, "a DOCTYPE (entity declarations, external DTD) is refused")) { try parse(xxe) }
    }

    @Test("a DOCTYPE in any case is found past comments and CDATA; those alone are no DOCTYPE")
    func doctypeAmongOtherMarkup() throws {
        let refused = XMLError(.doctypeRefused, "a DOCTYPE (entity declarations, external DTD) is refused")
        #expect(throws: refused) { try parse("<!-- ! --><![CDATA[!]]><!DocType r><r/>") }
        #expect(throws: refused) { try parse("!!<!DOCTYPE") }
        #expect(throws: refused) { try parse("<!doctype") }
        let root = try parse("<r a=\"!\"><!-- hi! --><![CDATA[<!doc]]>!<!DOCTYP</r>".replacingOccurrences(of: "<!DOCTYP", with: "x"))
        #expect(root.text == "<!doc!x")
    }

    @Test("an undeclared entity reference is malformed, not expanded")
    func undeclaredEntity() {
        #expect(throws: XMLError.self) { try parse("<r>&passwd;</r>") }
    }

    @Test("nesting past the depth limit is refused")
    func depthLimit() throws {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        let error = try #require(throws: XMLError.self) { try parse(deep) }
        #expect(error.code == .tooDeep)
    }

    @Test("size and element count are bounded")
    func sizeAndCount() throws {
        var limits = XMLLimits()
        limits.maximumBytes = 10
        #expect((try #require(throws: XMLError.self) { try parse("<root>0123456789</root>", limits: limits) }).code == .tooLarge)
        limits = XMLLimits()
        limits.maximumElements = 5
        let many = "<r>" + String(repeating: "<i/>", count: 10) + "</r>"
        #expect((try #require(throws: XMLError.self) { try parse(many, limits: limits) }).code == .tooManyElements)
    }

    @Test("malformed XML gives a reason, never a crash", arguments: [
        "", "<a>", "<a></b>", "not xml at all", "<a x='1' x='2'/>", "\u{0}\u{0}\u{0}",
    ])
    func malformed(_ text: String) throws {
        let error = try #require(throws: XMLError.self) { try parse(text) }
        #expect(error.code == .malformed)
    }
}
