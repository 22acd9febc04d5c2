import Wire

/// The CSeq header: a sequence number and the method it counts (RFC 3261 §20.16).
public struct CSeq: Equatable, Sendable {
    public let sequence: UInt32
    public let method: SIPMethod

    public init(sequence: UInt32, method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    /// Parses `1 INVITE`; nil if the value is not a number followed by a method.
    public init?(parsing value: String) {
        guard let parsed = value.withUTF8Bytes({ CSeq(bytes: $0) }) else { return nil }
        self = parsed
    }

    init?(bytes: UnsafeBufferPointer<UInt8>) {
        // Exactly two words between spaces and tabs.
        var number: Range<Int>?, method: Range<Int>?, index = 0
        while index < bytes.count {
            guard !bytes[index].isSpaceOrTab else { index += 1; continue }
            let start = index
            while index < bytes.count, !bytes[index].isSpaceOrTab { index += 1 }
            guard method == nil else { return nil }
            if number == nil { number = start..<index } else { method = start..<index }
        }
        guard let number, let method, let sequence = Self.sequence(bytes, number) else { return nil }
        self.init(sequence: sequence, method: SIPMethod(bytes.string(method)))
    }

    /// The number read digit by digit; text only when it is not plain digits, so that a
    /// sign is taken as `UInt32(_:)` takes it.
    private static func sequence(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32? {
        var value: UInt32 = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return UInt32(bytes.string(range)) }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(UInt32(digit))
            guard !overflowShift, !overflowAdd else { return nil }
            value = sum
        }
        return value
    }
}
