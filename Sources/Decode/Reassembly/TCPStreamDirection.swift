import Wire

/// One direction of a TCP connection: puts segments in order and hands bytes on.
///
/// Positions are kept as 64-bit stream offsets, so sequence numbers may wrap freely.
/// Data before the next expected byte is a retransmission and is dropped (the first
/// copy wins, as in Zeek); data after it waits in `pending` until the hole fills or is
/// declared a gap (the peer acknowledged past it, the buffer bound was hit, or the
/// stream ended).
struct TCPStreamDirection {
    /// A segment that arrived ahead of the next expected byte.
    struct PendingSegment {
        let offset: Int64
        let bytes: [UInt8]
    }

    private(set) var nextSequence: UInt32 = 0
    private(set) var nextOffset: Int64 = 0
    private(set) var isStarted = false
    private(set) var sawSyn = false
    private(set) var pending: [PendingSegment] = []
    private(set) var pendingBytes = 0
    private(set) var finOffset: Int64?
    private(set) var isFinished = false
    var consumer: StreamConsumer?

    /// The stream offset of a sequence number, relative to the next expected byte.
    func offset(of sequence: UInt32) -> Int64 {
        nextOffset + Int64(Int32(bitPattern: sequence &- nextSequence))
    }

    mutating func start(at sequence: UInt32, syn: Bool) {
        nextSequence = syn ? sequence &+ 1 : sequence
        isStarted = true
        sawSyn = syn
    }

    /// Adds a segment's payload; delivers what is now in order. Returns the bytes added to `pending`.
    mutating func add(_ payload: UnsafeRawBufferPointer, sequence: UInt32, frame: UInt64, time: Timestamp) -> Int {
        guard !isFinished, !payload.isEmpty else { return 0 }
        let start = offset(of: sequence)
        let end = start + Int64(payload.count)
        if end <= nextOffset { return 0 }                          // whole retransmission
        if start <= nextOffset {
            let skip = Int(nextOffset - start)                     // partial retransmission
            deliver(UnsafeRawBufferPointer(rebasing: payload[skip...]), frame: frame, time: time)
            drainPending(frame: frame, time: time)
            return 0
        }
        guard !pending.contains(where: { $0.offset == start && $0.bytes.count >= payload.count }) else { return 0 }
        let index = pending.firstIndex { $0.offset > start } ?? pending.endIndex
        pending.insert(PendingSegment(offset: start, bytes: Array(payload)), at: index)
        pendingBytes += payload.count
        return payload.count
    }

    mutating func markFin(sequence: UInt32, payloadLength: Int, frame: UInt64, time: Timestamp) {
        guard isStarted else { return }
        finOffset = offset(of: sequence) + Int64(payloadLength)
        finishIfComplete(frame: frame, time: time)
    }

    /// Skips the hole before the first pending segment, telling the consumer how big it was.
    /// Returns the bytes released from `pending`.
    mutating func skipToPending(frame: UInt64, time: Timestamp) -> Int {
        guard let first = pending.first else { return 0 }
        let before = pendingBytes
        if first.offset > nextOffset {
            consumer?.receiveGap(byteCount: Int(first.offset - nextOffset), frame: frame, time: time)
            advance(by: first.offset - nextOffset)
        }
        drainPending(frame: frame, time: time)
        return before - pendingBytes
    }

    /// True when the peer acknowledged bytes this direction has not seen: they were lost
    /// from the capture, not from the connection, so waiting for them is pointless.
    func isHoleAcknowledged(by acknowledgment: UInt32) -> Bool {
        guard isStarted, !pending.isEmpty else { return false }
        return offset(of: acknowledgment) > nextOffset
    }

    /// Ends the stream: any hole is a gap, then the consumer is told how it ended.
    /// Returns the bytes released from `pending`.
    mutating func finish(_ end: StreamEnd, frame: UInt64, time: Timestamp) -> Int {
        guard !isFinished else { return 0 }
        var released = 0
        while !pending.isEmpty { released += skipToPending(frame: frame, time: time) }
        isFinished = true
        consumer?.finish(end, frame: frame, time: time)
        return released
    }

    private mutating func deliver(_ bytes: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp) {
        guard !bytes.isEmpty else { return }
        consumer?.receive(bytes, frame: frame, time: time)
        advance(by: Int64(bytes.count))
    }

    private mutating func advance(by count: Int64) {
        nextOffset += count
        nextSequence = nextSequence &+ UInt32(truncatingIfNeeded: count)
    }

    private mutating func drainPending(frame: UInt64, time: Timestamp) {
        while let first = pending.first, first.offset <= nextOffset {
            pending.removeFirst()
            pendingBytes -= first.bytes.count
            let skip = Int(nextOffset - first.offset)
            if skip < first.bytes.count {
                first.bytes.withUnsafeBytes { deliver(UnsafeRawBufferPointer(rebasing: $0[skip...]), frame: frame, time: time) }
            }
        }
        finishIfComplete(frame: frame, time: time)
    }

    private mutating func finishIfComplete(frame: UInt64, time: Timestamp) {
        guard let finOffset, nextOffset >= finOffset, pending.isEmpty, !isFinished else { return }
        isFinished = true
        consumer?.finish(.fin, frame: frame, time: time)
    }
}
