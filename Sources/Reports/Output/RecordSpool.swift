#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rendered records kept in an unnamed temporary file until a capture has been read, then
/// handed back in the order of their keys: a report's scenarios and connections are
/// finished in the order they go quiet or close, but written in the order they began.
/// Memory holds only the index (a key and a position per record).
///
/// A record may leave a gap for text known only at the end (a scenario's id, given by its
/// place among all): `gap` is where the text goes. A key without bytes (`skip`) takes its
/// place in the order without being handed back — a scenario a filter left out keeps
/// the ids of the others as they are unfiltered.
final class RecordSpool<Key: Comparable> {
    private struct Entry {
        let key: Key
        let offset: Int
        /// -1: skipped.
        let length: Int
        let gap: Int
    }

    private var entries: [Entry] = []
    private let file: UnsafeMutablePointer<FILE>
    private var size = 0
    private(set) var keptCount = 0

    init() throws(SpoolError) {
        guard let file = tmpfile() else { throw SpoolError(reason: String(cString: strerror(errno))) }
        self.file = file
    }

    deinit { fclose(file) }

    /// Without a gap, the record is handed back whole before it.
    func append(_ bytes: [UInt8], key: Key, gap: Int? = nil) throws(SpoolError) {
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else { throw SpoolError(reason: String(cString: strerror(errno))) }
        entries.append(Entry(key: key, offset: size, length: bytes.count, gap: gap ?? bytes.count))
        size += bytes.count
        keptCount += 1
    }

    func skip(key: Key) {
        entries.append(Entry(key: key, offset: size, length: -1, gap: 0))
    }

    /// Each kept record in key order with its place among all records (from 0) and its
    /// bytes split at the gap. Records of equal keys keep the order they were added in.
    func forEachInOrder(_ body: (_ place: Int, _ beforeGap: ArraySlice<UInt8>, _ afterGap: ArraySlice<UInt8>) throws -> Void) throws {
        guard fflush(file) == 0 else { throw SpoolError(reason: String(cString: strerror(errno))) }
        let order = entries.indices.sorted { (entries[$0].key, $0) < (entries[$1].key, $1) }
        var buffer: [UInt8] = []
        let descriptor = fileno(file)
        for (place, index) in order.enumerated() {
            let entry = entries[index]
            guard entry.length >= 0 else { continue }
            if buffer.count < entry.length { buffer = [UInt8](repeating: 0, count: entry.length) }
            var done = 0
            while done < entry.length {
                let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, entry.length - done, off_t(entry.offset + done)) }
                guard got > 0 else { throw SpoolError(reason: got == 0 ? "cut short" : String(cString: strerror(errno))) }
                done += got
            }
            try body(place, buffer[0..<entry.gap], buffer[entry.gap..<entry.length])
        }
    }
}

public struct SpoolError: Error, CustomStringConvertible {
    public let reason: String
    public var description: String { "the temporary file holding the report: \(reason)" }
}
