import CLibXML2

/// Builds `XMLElement`s from libxml2's SAX2 events for one document at a time, within
/// `XMLLimits`: passing the depth or element budget stops the parser at once.
final class XMLTreeBuilder {
    /// An element whose end tag has not come yet.
    private struct OpenElement {
        let name: String
        let namespace: String?
        let attributes: [XMLAttribute]
        var children: [XMLElement] = []
        var text = ""
    }

    /// The parser context whose events these are; set once by its session.
    var context: xmlParserCtxtPtr?
    private(set) var root: XMLElement?
    private(set) var failure: XMLError?
    private var limits = XMLLimits.default
    private var budget = 0
    private var open: [OpenElement] = []
    /// Namespace URIs made text once, by the address libxml2's dictionary interned them
    /// at: the dictionary outlives documents, so the same URI keeps its address.
    private var namespaces: [(interned: UnsafePointer<xmlChar>, uri: String)] = []

    func begin(limits: XMLLimits) {
        self.limits = limits
        budget = limits.maximumElements
        root = nil
        failure = nil
        open.removeAll(keepingCapacity: true)
    }

    func end() {
        open.removeAll(keepingCapacity: true)
        root = nil
    }

    private func stop(_ error: XMLError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private func startElement(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
                              attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard failure == nil else { return }
        guard open.count < limits.maximumDepth else {
            return stop(XMLError(.tooDeep, "nesting deeper than \(limits.maximumDepth)"))
        }
        budget -= 1
        guard budget >= 0 else {
            return stop(XMLError(.tooManyElements, "more than \(limits.maximumElements) elements"))
        }
        var list: [XMLAttribute] = []
        if attributeCount > 0, let attributes {
            list.reserveCapacity(attributeCount)
            // Five pointers an attribute: local name, prefix, URI, value start, value end.
            for index in 0..<attributeCount {
                let fields = attributes + 5 * index
                guard let name = fields[0], let start = fields[3], let end = fields[4] else { continue }
                list.append(XMLAttribute(name: Self.qualifiedName(name, prefix: fields[1], uri: fields[2]),
                                         value: Self.attributeValue(start, end)))
            }
        }
        open.append(OpenElement(name: Self.qualifiedName(localName, prefix: prefix, uri: uri),
                                namespace: uri.map(namespace), attributes: list))
    }

    private func endElement() {
        guard failure == nil, let finished = open.popLast() else { return }
        let element = XMLElement(name: finished.name, namespace: finished.namespace, attributeList: finished.attributes,
                                 children: finished.children, text: finished.text)
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard failure == nil, !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func namespace(_ interned: UnsafePointer<xmlChar>) -> String {
        if let known = namespaces.first(where: { $0.interned == interned }) { return known.uri }
        let uri = String(cString: interned)
        if namespaces.count < 32 { namespaces.append((interned, uri)) }
        return uri
    }

    /// The local name, or `prefix:name` when the prefix was never declared: what libxml2's
    /// own tree builder names such an element or attribute.
    private static func qualifiedName(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
                                      uri: UnsafePointer<xmlChar>?) -> String {
        guard let prefix, uri == nil else { return String(cString: localName) }
        return String(cString: prefix) + ":" + String(cString: localName)
    }

    /// An attribute value as libxml2 hands it over without entity substitution: normalised,
    /// references resolved, except that an `&` is still written `&#38;`.
    private static func attributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(0x26) else { return String(decoding: bytes, as: UTF8.self) }
        let escaped = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x26, index + escaped.count <= bytes.count,
               escaped.indices.allSatisfy({ bytes[index + $0] == escaped[$0] }) {
                decoded.append(0x26)
                index += escaped.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func builder(_ userData: UnsafeMutableRawPointer?) -> XMLTreeBuilder? {
        userData.map { Unmanaged<XMLTreeBuilder>.fromOpaque($0).takeUnretainedValue() }
    }

    static let startElement: startElementNsSAX2Func = { userData, localName, prefix, uri, _, _, attributeCount, _, attributes in
        guard let localName else { return }
        builder(userData)?.startElement(localName: localName, prefix: prefix, uri: uri,
                                        attributeCount: Int(attributeCount), attributes: attributes)
    }

    static let endElement: endElementNsSAX2Func = { userData, _, _, _ in
        builder(userData)?.endElement()
    }

    static let characters: charactersSAXFunc = { userData, bytes, count in
        guard let bytes, count > 0 else { return }
        builder(userData)?.characters(bytes, count: Int(count))
    }
}
