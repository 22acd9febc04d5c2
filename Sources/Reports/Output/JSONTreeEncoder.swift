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
        case object([(key: String, value: JSONTreeValue)])
        case array([JSONTreeValue])
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

    /// `value` encoded: a text or literal it came to as itself, not as a node holding it.
    fileprivate static func encoded<Value: Encodable>(_ value: Value) throws -> JSONTreeValue {
        let child = JSONTreeNode()
        try encode(value, into: child)
        switch child.content {
        case .string(let text): return .string(text)
        case .literal(let text): return .literal(text)
        default: return .node(child)
        }
    }

    fileprivate func append(_ key: String, _ member: JSONTreeValue) {
        guard case .object(var members) = content else { return content = .object([(key, member)]) }
        content = .empty  // keeps `members` uniquely referenced while it grows
        members.append((key, member))
        content = .object(members)
    }

    fileprivate func append(_ element: JSONTreeValue) {
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

    static func literal<Number: BinaryFloatingPoint & CustomStringConvertible>(_ value: Number) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not valid JSON"))
        }
        return JSONBuilder.text(of: value)
    }
}

/// A member or element of the tree: the leaves held as they are, containers as nodes.
enum JSONTreeValue {
    case string(String)
    /// A number, `true`, `false` or `null`, already in its JSON form.
    case literal(String)
    case node(JSONTreeNode)

    static func integer<Integer: BinaryInteger>(_ value: Integer) -> JSONTreeValue { .literal(String(value)) }
    static func bool(_ value: Bool) -> JSONTreeValue { .literal(value ? "true" : "false") }
    static var null: JSONTreeValue { .literal("null") }
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
                    json.write(members[index].value)
                }
            }
        }
    }

    mutating func write(_ value: JSONTreeValue) {
        switch value {
        case .string(let text): string(text)
        case .literal(let text): literal(text)
        case .node(let node): write(node)
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

    mutating func encodeNil(forKey key: Key) throws { node.append(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.append(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.append(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.append(key.stringValue, .literal(try JSONTreeNode.literal(value)))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        node.append(key.stringValue, .literal(try JSONTreeNode.literal(value)))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.append(key.stringValue, .integer(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.append(key.stringValue, try JSONTreeNode.encoded(value))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeNode(.object([]))
        node.append(key.stringValue, .node(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONTreeNode(.array([]))
        node.append(key.stringValue, .node(child))
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let child = JSONTreeNode()
        node.append(name, .node(child))
        return JSONTreeEncoder(node: child, codingPath: codingPath)
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONTreeNode
    var codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append(.null) }
    mutating func encode(_ value: Bool) throws { node.append(.bool(value)) }
    mutating func encode(_ value: String) throws { node.append(.string(value)) }
    mutating func encode(_ value: Double) throws { node.append(.literal(try JSONTreeNode.literal(value))) }
    mutating func encode(_ value: Float) throws { node.append(.literal(try JSONTreeNode.literal(value))) }
    mutating func encode(_ value: Int) throws { node.append(.integer(value)) }
    mutating func encode(_ value: Int8) throws { node.append(.integer(value)) }
    mutating func encode(_ value: Int16) throws { node.append(.integer(value)) }
    mutating func encode(_ value: Int32) throws { node.append(.integer(value)) }
    mutating func encode(_ value: Int64) throws { node.append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { node.append(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { node.append(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { node.append(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { node.append(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { node.append(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws { node.append(try JSONTreeNode.encoded(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONTreeNode(.object([]))
        node.append(.node(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONTreeNode(.array([]))
        node.append(.node(child))
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONTreeNode()
        node.append(.node(child))
        return JSONTreeEncoder(node: child, codingPath: codingPath)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: JSONTreeNode
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .literal("null") }
    mutating func encode(_ value: Bool) throws { node.content = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { node.content = .string(value) }
    mutating func encode(_ value: Double) throws { node.content = .literal(try JSONTreeNode.literal(value)) }
    mutating func encode(_ value: Float) throws { node.content = .literal(try JSONTreeNode.literal(value)) }
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
