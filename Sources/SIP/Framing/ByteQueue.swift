/// Bytes received but not yet consumed by a stream framer.
///
/// Consumed bytes are reclaimed lazily, only once they outweigh what is left, so that
/// a stream of small messages does not shift the buffer on every message.
struct ByteQueue {
    private var storage: [UInt8] = []
    private var readIndex = 0

    var count: Int { storage.count - readIndex }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        storage.append(contentsOf: bytes)
    }

    mutating func consume(_ byteCount: Int) {
        readIndex += min(byteCount, count)
        if readIndex == storage.count {
            storage.removeAll(keepingCapacity: storage.capacity <= 1 << 16)
            readIndex = 0
        } else if readIndex > 4096, readIndex > count {
            storage.removeFirst(readIndex)
            readIndex = 0
        }
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: false)
        readIndex = 0
    }

    /// Runs `body` over the unconsumed bytes.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[readIndex...])) }
    }

    /// True if the unconsumed bytes hold only CR and LF (keep-alives).
    var isOnlyLineEnds: Bool {
        withBytes { bytes in bytes.allSatisfy { $0 == 0x0D || $0 == 0x0A } }
    }
}
