import Wire

/// A message's header lines kept as the bytes they came in: each header its recognised
/// name and where its value lies. A value becomes text only when a stage asks for it by
/// name, and most are never asked for (Max-Forwards, Supported, Content-Length…).
public struct SIPHeaderFields: Sendable, Equatable {
    /// One header line.
    struct Field: Sendable {
        let name: SIPHeaderName
        /// Where the name was written, as written (`i`, `CALL-ID`, `Call-ID`…).
        let writtenName: Range<Int>
        var value: Value
    }

    enum Value: Sendable {
        /// The value's bytes, spaces and tabs trimmed.
        case written(Range<Int>)
        /// A value folded over several lines, joined by single spaces (RFC 3261 §7.3.1).
        case joined(String)
    }

    private let bytes: [UInt8]
    private let fields: [Field]

    init(bytes: [UInt8], fields: [Field]) {
        self.bytes = bytes
        self.fields = fields
    }

    /// Header lines made from text: each written as `name: value`.
    public init(_ headers: [SIPHeader]) {
        var bytes: [UInt8] = [], fields: [Field] = []
        fields.reserveCapacity(headers.count)
        for header in headers {
            let nameStart = bytes.count
            bytes += header.writtenName.utf8
            let nameEnd = bytes.count
            bytes += ": ".utf8
            let valueStart = bytes.count
            bytes += header.value.utf8
            fields.append(Field(name: header.name, writtenName: nameStart..<nameEnd, value: .written(valueStart..<bytes.count)))
            bytes += "\r\n".utf8
        }
        self.init(bytes: bytes, fields: fields)
    }

    public var count: Int { fields.count }

    public var indices: Range<Int> { fields.indices }

    public func name(at index: Int) -> SIPHeaderName { fields[index].name }

    /// The name's well-known number, 0 for any other name.
    func wellKnownNumber(at index: Int) -> UInt8 { fields[index].name.wellKnownNumber }

    public func value(at index: Int) -> String {
        switch fields[index].value {
        case .written(let range): return withBytes(range) { String(decoding: $0, as: UTF8.self) }
        case .joined(let text): return text
        }
    }

    /// The value's UTF-8 bytes, without making text of them.
    func withValueBytes<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch fields[index].value {
        case .written(let range): return withBytes(range, body)
        case .joined(let text): return text.withUTF8Bytes(body)
        }
    }

    public func writtenName(at index: Int) -> String {
        withBytes(fields[index].writtenName) { String(decoding: $0, as: UTF8.self) }
    }

    /// Every header as text, in wire order.
    public var headers: [SIPHeader] {
        indices.map { SIPHeader(name: name(at: $0), writtenName: writtenName(at: $0), value: value(at: $0)) }
    }

    public func firstIndex(of name: SIPHeaderName) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// Each header whose name is one of `names`, in wire order: its position here and its
    /// name's position in `names`. Names are compared where they lie, none copied out.
    func forEachIndex(namedAnyOf names: [SIPHeaderName], _ body: (_ index: Int, _ nameIndex: Int) throws -> Void) rethrows {
        // When every name sought is well known, their numbers as bits of one word: a header
        // none of them names is passed over with one test, not one comparison per name.
        var soughtNumbers: UInt64? = 0
        for name in names {
            guard name.wellKnownNumber != 0, name.wellKnownNumber < 64 else { soughtNumbers = nil; break }
            soughtNumbers? |= 1 << name.wellKnownNumber
        }
        try fields.withUnsafeBufferPointer { fields in
            try names.withUnsafeBufferPointer { names in
                for index in fields.indices {
                    let number = fields[index].name.wellKnownNumber
                    if let soughtNumbers, number >= 64 || soughtNumbers & (1 << number) == 0 { continue }
                    for nameIndex in names.indices where fields[index].name == names[nameIndex] {
                        try body(index, nameIndex)
                        break
                    }
                }
            }
        }
    }

    /// Each header named `name`, in wire order.
    func forEachIndex(named name: SIPHeaderName, _ body: (_ index: Int) throws -> Void) rethrows {
        try fields.withUnsafeBufferPointer { fields in
            for index in fields.indices where fields[index].name == name { try body(index) }
        }
    }

    /// Only the headers named, in bytes of their own: what is kept of a message held long
    /// does not hold on to the rest of its head.
    func keeping(_ names: [SIPHeaderName]) -> SIPHeaderFields {
        var keptBytes: [UInt8] = [], kept: [Field] = []
        // Names compared where they lie: a field is copied out only when it is kept.
        for index in fields.indices where names.contains(where: { $0 == fields[index].name }) {
            if kept.isEmpty {
                keptBytes.reserveCapacity(256)
                kept.reserveCapacity(names.count + 1)
            }
            let nameStart = keptBytes.count
            withBytes(fields[index].writtenName) { keptBytes.append(contentsOf: $0) }
            let nameRange = nameStart..<keptBytes.count
            switch fields[index].value {
            case .written(let range):
                let valueStart = keptBytes.count
                withBytes(range) { keptBytes.append(contentsOf: $0) }
                kept.append(Field(name: fields[index].name, writtenName: nameRange, value: .written(valueStart..<keptBytes.count)))
            case .joined:
                kept.append(Field(name: fields[index].name, writtenName: nameRange, value: fields[index].value))
            }
        }
        return SIPHeaderFields(bytes: keptBytes, fields: kept)
    }

    private func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public static func == (lhs: SIPHeaderFields, rhs: SIPHeaderFields) -> Bool {
        lhs.headers == rhs.headers
    }
}
