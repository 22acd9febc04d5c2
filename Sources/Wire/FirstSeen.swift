/// Distinct elements in the order first seen.
///
/// Up to `linearLimit` members it is one array looked along: cheaper than hashing for the
/// handful of users and endpoints a ladder has. Past that a set answers, so a capture
/// with thousands of them cannot make it quadratic. Inlinable, so that each module that
/// uses it gets it specialised for its element rather than called through witness tables.
public struct FirstSeen<Element: Hashable> {
    @usableFromInline var members: [Element] = []
    @usableFromInline var index: Set<Element>?
    @inlinable public static var linearLimit: Int { 16 }

    @inlinable public init() {}

    @inlinable public var elements: [Element] { members }

    @inlinable public var count: Int { members.count }

    @inlinable public func contains(_ element: Element) -> Bool {
        if let index { return index.contains(element) }
        return members.contains(element)
    }

    /// Adds `element` unless it was seen already; true when it is new.
    @inlinable @discardableResult
    public mutating func insert(_ element: Element) -> Bool {
        if index != nil {
            guard index!.insert(element).inserted else { return false }
        } else {
            guard !members.contains(element) else { return false }
            if members.count == Self.linearLimit { index = Set(members + [element]) }
        }
        members.append(element)
        return true
    }
}
