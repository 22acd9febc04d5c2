import CLibXML2

/// Builds `XMLElement`s from libxml2's SAX2 events for one document at a time, within
/// `XMLLimits`: passing the depth or element budget stops the parser at once.
///
/// A struct its session keeps behind a pointer, the SAX callbacks' user data: changed
/// through the pointer, its fields are not checked for exclusive access at run time, as a
/// class's would be at every event.
struct XMLTreeBuilder {
    /// An element whose end tag has not come yet.
    private struct OpenElement {
        let name: String
        let namespace: String?
        let attributes: [XMLAttribute]
        var children: [XMLElement] = []
        var text = ""
    }

    /// The parser context whose events these are.
    let context: xmlParserCtxtPtr?
    private(set) var root: XMLElement?
    private(set) var failure: XMLError?
    private var limits = XMLLimits.default
    private var budget = 0
    private var open: [OpenElement] = []
    /// Names and namespace URIs made text once, by the address libxml2's dictionary
    /// interned them at: the dictionary outlives documents, so a name keeps its address.
    private var names: [InternedName: String] = [:]
    private static let maximumNames = 1024

    init(context: xmlParserCtxtPtr?) { self.context = context }

    mutating func begin(limits: XMLLimits) {
        self.limits = limits
        budget = limits.maximumElements
        root = nil
        failure = nil
        open.removeAll(keepingCapacity: true)
    }

    mutating func end() {
        open.removeAll(keepingCapacity: true)
        root = nil
    }

    private mutating func stop(_ error: XMLError) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    private mutating func startElement(localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
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
                list.append(XMLAttribute(name: qualifiedName(name, prefix: fields[1], uri: fields[2]),
                                         value: Self.attributeValue(start, end)))
            }
        }
        open.append(OpenElement(name: qualifiedName(localName, prefix: prefix, uri: uri),
                                namespace: uri.map { text(interned: $0) }, attributes: list))
    }

    private mutating func endElement() {
        guard failure == nil, let finished = open.popLast() else { return }
        let element = XMLElement(name: finished.name, namespace: finished.namespace, attributeList: finished.attributes,
                                 children: finished.children, text: finished.text)
        if open.isEmpty {
            root = element
        } else {
            open[open.count - 1].children.append(element)
        }
    }

    private mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard failure == nil, !open.isEmpty else { return }
        open[open.count - 1].text += String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private mutating func text(interned: UnsafePointer<xmlChar>) -> String {
        if let known = names[InternedName(address: interned)] { return known }
        let text = String(cString: interned)
        if names.count < Self.maximumNames { names[InternedName(address: interned)] = text }
        return text
    }

    /// The local name, or `prefix:name` when the prefix was never declared: what libxml2's
    /// own tree builder names such an element or attribute.
    private mutating func qualifiedName(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
                                        uri: UnsafePointer<xmlChar>?) -> String {
        guard let prefix, uri == nil else { return text(interned: localName) }
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

    private static func builder(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLTreeBuilder>? {
        userData?.assumingMemoryBound(to: XMLTreeBuilder.self)
    }

    static let startElement: startElementNsSAX2Func = { userData, localName, prefix, uri, _, _, attributeCount, _, attributes in
        guard let localName else { return }
        builder(userData)?.pointee.startElement(localName: localName, prefix: prefix, uri: uri,
                                                attributeCount: Int(attributeCount), attributes: attributes)
    }

    static let endElement: endElementNsSAX2Func = { userData, _, _, _ in
        builder(userData)?.pointee.endElement()
    }

    static let characters: charactersSAXFunc = { userData, bytes, count in
        guard let bytes, count > 0 else { return }
        builder(userData)?.pointee.characters(bytes, count: Int(count))
    }
}

/// An address libxml2 interned a name at, as a table key. Every element and attribute name
/// is looked up by it, so it gives the table its bucket by one multiply-and-shift mix with
/// the table's seed rather than by SipHash: the addresses come from libxml2's allocator,
/// not from the document, so no input can choose them to collide.
private struct InternedName: Hashable {
    let address: UnsafePointer<xmlChar>

    func _rawHashValue(seed: Int) -> Int {
        let mixed = (UInt64(UInt(bitPattern: address)) ^ UInt64(truncatingIfNeeded: seed)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 29))
    }
}
