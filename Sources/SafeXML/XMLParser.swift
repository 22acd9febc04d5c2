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
        var conversion = Conversion(limits: limits)
        return try conversion.convert(root, depth: 1)
    }

    private static let initialiseOnce: Void = { xmlInitParser() }()

    /// One document's conversion into `XMLElement`s: the element budget, and each
    /// namespace URI made text once (every element of a namespace shares its `xmlNs`).
    private struct Conversion {
        let limits: XMLLimits
        var budget: Int
        var namespaces: [(node: UnsafeMutablePointer<xmlNs>, uri: String)] = []

        init(limits: XMLLimits) {
            self.limits = limits
            budget = limits.maximumElements
        }

        mutating func convert(_ node: xmlNodePtr, depth: Int) throws(XMLError) -> XMLElement {
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
                    children.append(try convert(current, depth: depth + 1))
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    text += SafeXMLParser.string(current.pointee.content)
                default:
                    break   // comments, processing instructions, unexpanded entity references
                }
                child = current.pointee.next
            }
            return XMLElement(name: SafeXMLParser.string(node.pointee.name), namespace: node.pointee.ns.map { namespace($0) },
                              attributeList: attributes(of: node), children: children, text: text)
        }

        private mutating func namespace(_ node: UnsafeMutablePointer<xmlNs>) -> String {
            if let known = namespaces.first(where: { $0.node == node }) { return known.uri }
            let uri = SafeXMLParser.string(node.pointee.href)
            if namespaces.count < 16 { namespaces.append((node, uri)) }
            return uri
        }

        private func attributes(of node: xmlNodePtr) -> [XMLAttribute] {
            var result: [XMLAttribute] = []
            var attribute = node.pointee.properties
            while let current = attribute {
                var value = ""
                var valueNode = current.pointee.children
                while let text = valueNode {
                    value += SafeXMLParser.string(text.pointee.content)
                    valueNode = text.pointee.next
                }
                result.append(XMLAttribute(name: SafeXMLParser.string(current.pointee.name), value: value))
                attribute = current.pointee.next
            }
            return result
        }
    }

    fileprivate static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    fileprivate static func string(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String {
        string(UnsafePointer(pointer))
    }

    private static func lastErrorText() -> String {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return "not well-formed" }
        let text = String(cString: message).trimmingWhitespace
        return "line \(error.pointee.line): \(text)"
    }
}
