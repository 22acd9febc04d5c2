import CLibXML2

/// Parses untrusted XML through libxml2 with every dangerous feature off.
///
/// - A document with a DOCTYPE is refused before libxml2 sees it: SIP and HTTP bodies
///   never need one, and refusing it rules out entity expansion (billion laughs) and
///   external entities (XXE) at once.
/// - libxml2 runs without entity substitution, DTD loading or network access
///   (no `XML_PARSE_NOENT`, no `XML_PARSE_DTDLOAD`, with `XML_PARSE_NONET`), and without
///   `XML_PARSE_HUGE`, so its own limits stay on.
/// - Size, nesting depth and element count are bounded by `XMLLimits`; depth and count
///   stop the parser the moment they are passed.
///
/// libxml2's SAX events build the `XMLElement`s directly: no libxml2 tree is made and
/// walked. Parser contexts are reused (`XMLParserSession`): making and freeing one cost
/// more than parsing a typical presence document.
public enum SafeXMLParser {
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default) throws(XMLError) -> XMLElement {
        guard bytes.count <= limits.maximumBytes else {
            throw XMLError(.tooLarge, "\(bytes.count) bytes, over the \(limits.maximumBytes)-byte limit")
        }
        if DoctypeScanner.containsDoctype(bytes) {
            throw XMLError(.doctypeRefused, "a DOCTYPE (entity declarations, external DTD) is refused")
        }
        let session = XMLParserSession.take()
        defer { XMLParserSession.giveBack(session) }
        return try session.parse(bytes, limits: limits)
    }
}
