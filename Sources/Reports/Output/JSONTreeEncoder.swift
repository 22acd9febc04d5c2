import Foundation

/// An `Encoder` for the values `JSONBuilder` has no hand-written form for (payloads,
/// certificates, HTTP requests). It collects a small tree — objects as member lists, not
/// dictionaries — that `JSONBuilder.write(_:)` then writes with sorted keys, as `JSONEncoder`
/// would, at a fraction of its cost.
///
/// Types that `JSONEncoder` treats specially (dates, data, URLs, decimals) are not
/// expected here; meeting one throws `Unsupported` and the caller falls back to `JSONEncoder`.
final class JSONTreeNode {
    enum Content {
        case empty
        case string(String)
        /// A number, `true`, `false` or `null`, already in its JSON form.
        case literal(String)
        case object([(key: String, node: JSONTreeNode)])
        case array([JSONTreeNode])
    }

    var content: Content = .empty

    init() {}

    init(_ content: Content) { self.content = content }

    struct Unsupported: Error {}

    static func encoding<Value: Encodable>(_ value: Value) throws -> JSONTreeNode {
        let root = JSONTreeNode()
        try encode(value, into: root)
        return root
    }

    fileprivate static func encode<Value: Encodable>(_ value: Value, into node: JSONTreeNode) throws {
        if Value.self == Date.self || Value.self == Data.self || Value.self == URL.self || Value.self == Decimal.self {
            throw Unsupported()
        }
        try value.encode(to: JSONTreeEncoder(node: node))
    }

    fileprivate func append(_ key: String, _ member: JSONTreeNode) {
        guard case .object(var members) = content else { return content = .object([(key, member)]) }
        content = .empty  // keeps `members` uniquely referenced while it grows
        members.append((key, member))
        content = .object(members)
    }

    fileprivate func append(_ element: JSONTreeNode) {
        guard case .array(var elements) = content else { return content = .array([element]) }
        content = .empty
        elements.append(element)
        content = .array(elements)
    }

    fileprivate var count: Int {
        switch content {
        case .array(let elements): elements.count
        case .object(let members): members.count
        default: 0
        }
    }

    static func literal<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number) throws -> JSONTreeNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        return JSONTreeNode(.literal(JSONBuilder.text(of: value)))
    }

    static func literal<Integer: BinaryInteger>(_ value: Integer) -> JSONTreeNode { JSONTreeNode(.literal(String(value))) }
}

extension JSONBuilder {
    /// Writes a collected tree: object keys sorted by their bytes, a repeated key written
    /// once with its last value (as `JSONEncoder`'s dictionaries keep it).
    mutating func write(_ node: JSONTreeNode) {
        switch node.content {
        case .empty: object { _ in }
        case .string(let value): string(value)
        case .literal(let text): literal(text)
        case .array(let elements): array(elements) { $0.write($1) }
        case .object(let members):
            let order = members.indices.sorted { left, right in
                members[left].key == members[right].key ? left < right
                    : Self.precedes(members[left].key, members[right].key)
            }
            object { json in
                for (position, index) in order.enumerated() {
                    if position + 1 < order.count, members[order[position + 1]].key == members[index].key { continue }
                    json.key(named: members[index].key)
                    json.write(members[index].node)
                }
            }
        }
    }
}

private struct JSONTreeEncoder: Encoder {
    let node: JSONTreeNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONTreeNode
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.append(key.stringValue, JSONTreeNode(.literal("null"))) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        node.append(key.stringValue, JSONTreeNode(.literal(value ? "true" : "false")))
    }
    mutating func encode(_ value: String, forKey key: Key) throws { node.append(key.stringValue, JSONTreeNode(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.append(key.stringValue, try .literal(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.append(key.stringValue, try .literal(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.append(key.stringValue, .literal(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = JSONTreeNode()
        try JSONTreeNode.encode(value, into: child)
        node.append(key.stringValue, child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeNode(.object([]))
        node.append(key.stringValue, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONTreeNode(.array([]))
        node.append(key.stringValue, child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let child = JSONTreeNode()
        node.append(name, child)
        return JSONTreeEncoder(node: child, codingPath: codingPath)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONTreeNode
    var codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append(JSONTreeNode(.literal("null"))) }
    mutating func encode(_ value: Bool) throws { node.append(JSONTreeNode(.literal(value ? "true" : "false"))) }
    mutating func encode(_ value: String) throws { node.append(JSONTreeNode(.string(value))) }
    mutating func encode(_ value: Double) throws { node.append(try .literal(value)) }
    mutating func encode(_ value: Float) throws { node.append(try .literal(value)) }
    mutating func encode(_ value: Int) throws { node.append(.literal(value)) }
    mutating func encode(_ value: Int8) throws { node.append(.literal(value)) }
    mutating func encode(_ value: Int16) throws { node.append(.literal(value)) }
    mutating func encode(_ value: Int32) throws { node.append(.literal(value)) }
    mutating func encode(_ value: Int64) throws { node.append(.literal(value)) }
    mutating func encode(_ value: UInt) throws { node.append(.literal(value)) }
    mutating func encode(_ value: UInt8) throws { node.append(.literal(value)) }
    mutating func encode(_ value: UInt16) throws { node.append(.literal(value)) }
    mutating func encode(_ value: UInt32) throws { node.append(.literal(value)) }
    mutating func encode(_ value: UInt64) throws { node.append(.literal(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = JSONTreeNode()
        try JSONTreeNode.encode(value, into: child)
        node.append(child)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeNode(.object([]))
        node.append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONTreeNode(.array([]))
        node.append(child)
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONTreeNode()
        node.append(child)
        return JSONTreeEncoder(node: child, codingPath: codingPath)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: JSONTreeNode
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .literal("null") }
    mutating func encode(_ value: Bool) throws { node.content = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { node.content = .string(value) }
    mutating func encode(_ value: Double) throws { node.content = try JSONTreeNode.literal(value).content }
    mutating func encode(_ value: Float) throws { node.content = try JSONTreeNode.literal(value).content }
    mutating func encode(_ value: Int) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: Int8) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: Int16) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: Int32) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: Int64) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: UInt) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: UInt8) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: UInt16) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: UInt32) throws { node.content = .literal(String(value)) }
    mutating func encode(_ value: UInt64) throws { node.content = .literal(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { try JSONTreeNode.encode(value, into: node) }
}
