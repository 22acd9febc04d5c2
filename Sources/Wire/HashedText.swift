/// Text with its hash worked out once: the key of a large table looked up for every
/// message. However many tables it is looked up in, its bytes are hashed once, and a
/// probe that passes another key compares two words before any bytes.
///
/// The hash is the standard library's seeded one (`String.hashValue`), so crafted keys
/// collide no more often than they would as `String` keys.
public struct HashedText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let text: String
    private let textHash: Int

    public init(_ text: String) {
        self.text = text
        textHash = text.hashValue
    }

    public init(stringLiteral text: String) { self.init(text) }

    public var description: String { text }

    public static func == (lhs: HashedText, rhs: HashedText) -> Bool {
        lhs.textHash == rhs.textHash && lhs.text == rhs.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(textHash) }

    /// What a table asks for its bucket: the hash already made, mixed with the table's seed.
    public func _rawHashValue(seed: Int) -> Int { PrecomputedHash.bucketHash(textHash, seed: seed) }
}
