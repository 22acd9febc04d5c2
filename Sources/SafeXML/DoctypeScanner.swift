#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds `<!DOCTYPE` (any case) anywhere in a document, without parsing it.
enum DoctypeScanner {
    private static let marker = Array("<!doctype".utf8)

    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= marker.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            // `!` is rare in XML (a comment, CDATA or DOCTYPE): memchr jumps from one to
            // the next, where a byte-by-byte scan stopped at every tag's `<`.
            var index = 1
            while index <= buffer.count - marker.count + 1 {
                guard let found = memchr(base + index, Int32(UInt8(ascii: "!")), buffer.count - index) else { return false }
                let bang = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = bang - 1
                if start + marker.count <= buffer.count, buffer[start] == UInt8(ascii: "<"),
                   (2..<marker.count).allSatisfy({ buffer[start + $0] | 0x20 == marker[$0] }) {
                    return true
                }
                index = bang + 1
            }
            return false
        }
    }
}
