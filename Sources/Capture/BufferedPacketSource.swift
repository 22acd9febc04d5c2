import Foundation
import Wire

/// Reads a live source on a thread of its own and hands its packets to the caller's
/// thread through a bounded queue of copies.
///
/// The kernel keeps captured packets in a ring of fixed slots (libpcap uses TPACKET_V2 in
/// immediate mode: one slot per packet, whatever its size), so a consumer that stalls for
/// a moment — a burst of scenarios to analyse and print — overflows it and the kernel
/// drops. Here the reading thread only copies packets out, so the ring drains at once;
/// the analysis catches up from the queue. The queue is bounded by bytes; when it is full
/// the packet is dropped here and counted, never held without limit.
public final class BufferedPacketSource: PacketSource, @unchecked Sendable {
    private struct Held {
        let frame: UInt64
        let timestamp: Timestamp
        let linkType: LinkType
        let interfaceIndex: Int
        let bytes: [UInt8]
        let originalLength: Int
    }

    private let inner: LiveInterfaceSource
    private let capacityBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Held] = []
    private var queuedBytes = 0
    private var stopRequested = false
    private var readerDone = false
    private var readerError: (any Error)?
    private var dropped = 0

    /// Checked on the caller's thread between packets and at least every 100 ms.
    public var shouldStop: () -> Bool = { false }

    public init(_ inner: LiveInterfaceSource, capacityBytes: Int = 256 << 20) {
        self.inner = inner
        self.capacityBytes = capacityBytes
    }

    /// Packets the queue had no room for.
    public var droppedByQueue: Int {
        condition.lock()
        defer { condition.unlock() }
        return dropped
    }

    public func readPackets(into diagnostics: DiagnosticSink,
                            _ body: (CapturedPacket) throws -> ReadControl) throws {
        inner.shouldStop = { [unowned self] in
            condition.lock()
            defer { condition.unlock() }
            return stopRequested
        }
        // The reader reports into a sink of its own, taken in once it has stopped.
        nonisolated(unsafe) let readerDiagnostics = DiagnosticSink()
        let reader = Thread { [unowned self] in
            do {
                try inner.readPackets(into: readerDiagnostics) { packet in
                    hold(packet)
                    return .proceed
                }
            } catch {
                condition.lock()
                readerError = error
                condition.unlock()
            }
            condition.lock()
            readerDone = true
            condition.signal()
            condition.unlock()
        }
        reader.start()
        defer {
            stopAndWait()
            diagnostics.absorb(readerDiagnostics)
        }
        while true {
            let (batch, finished, error) = nextBatch()
            for held in batch {
                let control = try held.bytes.withUnsafeBytes { bytes in
                    try body(CapturedPacket(frame: held.frame, timestamp: held.timestamp, linkType: held.linkType,
                                            interfaceIndex: held.interfaceIndex, bytes: bytes,
                                            originalLength: held.originalLength))
                }
                if control == .stop { return }
            }
            if let error { throw error }
            if finished { return }
            if shouldStop() { return }
        }
    }

    private func hold(_ packet: CapturedPacket) {
        let held = Held(frame: packet.frame, timestamp: packet.timestamp, linkType: packet.linkType,
                        interfaceIndex: packet.interfaceIndex, bytes: Array(packet.bytes),
                        originalLength: packet.originalLength)
        condition.lock()
        defer { condition.unlock() }
        guard queuedBytes + held.bytes.count <= capacityBytes else {
            dropped += 1
            return
        }
        queue.append(held)
        queuedBytes += held.bytes.count
        condition.signal()
    }

    /// Everything queued (waiting up to 100 ms for something), and whether the reader ended.
    private func nextBatch() -> ([Held], finished: Bool, error: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty, !readerDone {
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        let batch = queue
        queue.removeAll(keepingCapacity: true)
        queuedBytes = 0
        return (batch, readerDone && batch.isEmpty, readerDone && batch.isEmpty ? readerError : nil)
    }

    private func stopAndWait() {
        condition.lock()
        stopRequested = true
        while !readerDone { _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1)) }
        condition.unlock()
    }
}
