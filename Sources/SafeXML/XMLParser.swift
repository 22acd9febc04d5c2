import CLibXML2

/// Parses untrusted XML through libxml2 with every dangerous feature off.
///
/// - A document with a DOCTYPE is refused before libxml2 sees it: SIP and HTTP bodies
///   never need one, and refusing it rules out entity expansion (billion laughs) and
///   external entities (XXE) at once.
/// - libxml2 runs without entity substitution, DTD loading or network access
///   (no `XML_PARSE_NOENT`, no `XML_PARSE_DTDLOAD`, with `XML_PARSE_NONET`), and without
///   `XML_PARSE_HUGE`, so its own limits stay on.
/// - Size, nesting depth and element count are bounded by `XMLLimits`.
public enum SafeXMLParser {
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .default) throws(XMLError) -> XMLElement {
        guard bytes.count <= limits.maximumBytes else {
            throw XMLError(.tooLarge, "\(bytes.count) bytes, over the \(limits.maximumBytes)-byte limit")
        }
        if DoctypeScanner.containsDoctype(bytes) {
            throw XMLError(.doctypeRefused, "a DOCTYPE (entity declarations, external DTD) is refused")
        }
        initialiseOnce
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                xmlReadMemory(characters.baseAddress, Int32(characters.count), nil, nil, options)
            }
        }
        guard let document else {
            throw XMLError(.malformed, lastErrorText())
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw XMLError(.malformed, "no root element")
        }
        var budget = limits.maximumElements
        return try convert(root, depth: 1, limits: limits, budget: &budget)
    }

    private static let initialiseOnce: Void = { xmlInitParser() }()

    private static func convert(_ node: xmlNodePtr, depth: Int, limits: XMLLimits,
                                budget: inout Int) throws(XMLError) -> XMLElement {
        guard depth <= limits.maximumDepth else {
            throw XMLError(.tooDeep, "nesting deeper than \(limits.maximumDepth)")
        }
        budget -= 1
        guard budget >= 0 else {
            throw XMLError(.tooManyElements, "more than \(limits.maximumElements) elements")
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(try convert(current, depth: depth + 1, limits: limits, budget: &budget))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += string(current.pointee.content)
            default:
                break   // comments, processing instructions, unexpanded entity references
            }
            child = current.pointee.next
        }
        return XMLElement(name: string(node.pointee.name),
                          namespace: node.pointee.ns.map { string($0.pointee.href) },
                          attributes: attributes(of: node), children: children, text: text)
    }

    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var valueNode = current.pointee.children
            while let text = valueNode {
                value += string(text.pointee.content)
                valueNode = text.pointee.next
            }
            let name = string(current.pointee.name)
            if result[name] == nil { result[name] = value }
            attribute = current.pointee.next
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        string(UnsafePointer(pointer))
    }

    private static func lastErrorText() -> String {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return "not well-formed" }
        let text = String(cString: message).trimmingWhitespace
        return "line \(error.pointee.line): \(text)"
    }
}
