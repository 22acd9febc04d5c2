import Testing
import Wire

@Suite("Decimal digits written in place")
struct DecimalDigitsTests {
    @Test("each power of ten and the number before it, zero and the largest value, at an offset",
          arguments: [0, 9, 10, 99, 100, 255, 65_535, 999_999_999, 1_000_000_000, 9_999_999_999_999_999_999, UInt64.max])
    func writesDigits(value: UInt64) {
        var buffer = [UInt8](repeating: UInt8(ascii: "#"), count: 24)
        let count = buffer.withUnsafeMutableBufferPointer { $0.writeDecimal(value, at: 2) }
        #expect(count == String(value).utf8.count)
        #expect(String(decoding: buffer[2..<(2 + count)], as: UTF8.self) == String(value))
        #expect(buffer[..<2].allSatisfy { $0 == UInt8(ascii: "#") } && buffer[(2 + count)...].allSatisfy { $0 == UInt8(ascii: "#") })
    }
}
