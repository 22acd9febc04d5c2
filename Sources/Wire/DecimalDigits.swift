extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes `value` in decimal at `offset` and returns how many digits it took (at most
    /// 20): addresses, ports and report numbers are written this way, no text made first.
    /// The buffer must have room for them.
    @inlinable @inline(__always)
    public func writeDecimal(_ value: UInt64, at offset: Int) -> Int {
        var digits = 1, bound: UInt64 = 10
        // The count of digits by comparison, not by dividing twice.
        while digits < 20, value >= bound { digits += 1; bound &*= 10 }
        var rest = value, position = offset + digits
        repeat {
            position -= 1
            self[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        return digits
    }
}
