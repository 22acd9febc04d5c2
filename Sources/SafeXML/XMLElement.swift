/// An element of a parsed XML document: local name, namespace, attributes, children and
/// the text directly inside it. Prefixes are dropped; namespaces are kept as URIs.
public struct XMLElement: Equatable, Sendable {
    public let name: String
    public let namespace: String?
    /// Attributes by local name (a prefixed `xsi:type` is found as `type`), in document
    /// order. A list, not a dictionary: an element has a handful, found faster by a look
    /// along them than by hashing, and built without a hash table per element.
    public let attributeList: [XMLAttribute]
    public let children: [XMLElement]
    /// The element's own text nodes, concatenated (not its children's).
    public let text: String

    public init(name: String, namespace: String? = nil, attributes: [String: String] = [:],
                children: [XMLElement] = [], text: String = "") {
        self.init(name: name, namespace: namespace,
                  attributeList: attributes.sorted { $0.key < $1.key }.map { XMLAttribute(name: $0.key, value: $0.value) },
                  children: children, text: text)
    }

    public init(name: String, namespace: String?, attributeList: [XMLAttribute], children: [XMLElement], text: String) {
        self.name = name
        self.namespace = namespace
        self.attributeList = attributeList
        self.children = children
        self.text = text
    }

    /// The attributes by local name; of two with one local name, the first.
    public var attributes: [String: String] {
        var attributes: [String: String] = [:]
        for attribute in attributeList where attributes[attribute.name] == nil { attributes[attribute.name] = attribute.value }
        return attributes
    }

    public subscript(attribute name: String) -> String? { attributeList.first { $0.name == name }?.value }

    /// The first child with this local name.
    public func child(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    public func children(named name: String) -> [XMLElement] { children.filter { $0.name == name } }

    /// Every element below this one with this local name, in document order.
    public func descendants(named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        collectDescendants(named: name, into: &found)
        return found
    }

    /// Into one array, depth first: no array per element visited, no element copied
    /// unless it is found.
    private func collectDescendants(named name: String, into found: inout [XMLElement]) {
        children.withUnsafeBufferPointer { children in
            for index in children.indices {
                if children[index].name == name { found.append(children[index]) }
                children[index].collectDescendants(named: name, into: &found)
            }
        }
    }

    /// The text of the first child with this name, trimmed; nil when there is no such child.
    public func childText(_ name: String) -> String? {
        child(name).map { $0.allText.trimmingWhitespace }
    }

    /// This element's text and all its descendants' text, in document order.
    public var allText: String {
        children.isEmpty ? text : text + children.map(\.allText).joined()
    }
}

/// An attribute by its local name.
public struct XMLAttribute: Equatable, Sendable {
    public let name: String
    public let value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends, found by bytes
    /// (all four are ASCII, so the cut falls between scalars).
    public var trimmingWhitespace: String {
        let utf8 = Substring(self).utf8
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(utf8[first...last]) ?? ""
    }
}
