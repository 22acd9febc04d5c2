import Wire

/// Reassembles fragmented IPv4 and IPv6 datagrams (RFC 791 §3.2, RFC 8200 §4.5).
///
/// Fragments are held until every byte from 0 to the end announced by the last fragment
/// is present. Overlapping fragments keep the bytes that arrived first. Incomplete
/// datagrams are dropped after `Limits.fragmentTimeoutSeconds` of capture time or when
/// the held bytes pass `Limits.fragmentBufferTotal`, each with a diagnostic.
public struct FragmentReassembler {
    struct Key: Hashable {
        let source: IPAddress
        let destination: IPAddress
        let protocolNumber: UInt8
        let identification: UInt32
    }

    struct Pending {
        var pieces: [(offset: Int, bytes: [UInt8])] = []
        var totalLength: Int?
        var heldBytes = 0
        let firstSeen: Timestamp
        let firstFrame: UInt64
    }

    /// A datagram whose fragments are all in.
    public struct Datagram {
        public let source: IPAddress
        public let destination: IPAddress
        public let protocolNumber: UInt8
        public let payload: [UInt8]
    }

    private var pending: [Key: Pending] = [:]
    private var heldBytes = 0
    private var lastSweep = Timestamp(seconds: 0, nanoseconds: 0)
    private let limits: Limits

    public init(limits: Limits) { self.limits = limits }

    /// Adds one fragment; returns the datagram if this fragment completed it.
    public mutating func add(_ packet: IPPacket, frame: UInt64, time: Timestamp,
                             diagnostics: DiagnosticSink) -> Datagram? {
        guard let fragment = packet.fragment else { return nil }
        sweepExpired(now: time, diagnostics: diagnostics)
        let key = Key(source: packet.source, destination: packet.destination,
                      protocolNumber: packet.protocolNumber, identification: fragment.identification)
        var entry = pending[key] ?? Pending(firstSeen: time, firstFrame: frame)
        let end = fragment.offset + packet.payload.count
        guard end <= 65_535 + 8 else {
            diagnostics.record(.warning, "ip_fragment_invalid", frame: frame,
                               "fragment ends at byte \(end), past the largest IP datagram; dropped")
            return nil
        }
        if !fragment.moreFragments { entry.totalLength = end }
        entry.pieces.append((fragment.offset, Array(packet.payload)))
        entry.heldBytes += packet.payload.count
        heldBytes += packet.payload.count

        if let assembled = Self.assemble(entry) {
            heldBytes -= entry.heldBytes
            pending[key] = nil
            return Datagram(source: packet.source, destination: packet.destination,
                            protocolNumber: packet.protocolNumber, payload: assembled)
        }
        pending[key] = entry
        enforceMemoryLimit(frame: frame, diagnostics: diagnostics)
        return nil
    }

    /// Reports every datagram still waiting for fragments when the capture ends.
    public mutating func finish(diagnostics: DiagnosticSink) {
        // In the order the datagrams began: dictionary order changes from run to run.
        for entry in pending.values.sorted(by: { $0.firstFrame < $1.firstFrame }) {
            diagnostics.record(.warning, "ip_fragment_incomplete", frame: entry.firstFrame,
                               "IP datagram whose first fragment is frame \(entry.firstFrame) never completed")
        }
        pending.removeAll()
        heldBytes = 0
    }

    /// The payload if the pieces cover 0..<totalLength without a hole.
    private static func assemble(_ entry: Pending) -> [UInt8]? {
        guard let total = entry.totalLength else { return nil }
        let ordered = entry.pieces.enumerated().sorted {
            ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset)
        }
        var covered = 0
        for (_, piece) in ordered where piece.offset <= covered {
            covered = max(covered, piece.offset + piece.bytes.count)
        }
        guard covered >= total else { return nil }
        var result = [UInt8](repeating: 0, count: total)
        var filled = [Bool](repeating: false, count: total)
        for piece in entry.pieces {   // arrival order: the first bytes to arrive win
            for (index, byte) in piece.bytes.enumerated() where piece.offset + index < total {
                let position = piece.offset + index
                if !filled[position] { result[position] = byte; filled[position] = true }
            }
        }
        return result
    }

    private mutating func sweepExpired(now: Timestamp, diagnostics: DiagnosticSink) {
        guard !pending.isEmpty, now.seconds(since: lastSweep) >= 1 else { return }
        lastSweep = now
        let expired = pending.filter { now.seconds(since: $0.value.firstSeen) > Double(limits.fragmentTimeoutSeconds) }
        for (key, entry) in expired.sorted(by: { $0.value.firstFrame < $1.value.firstFrame }) {
            diagnostics.record(.warning, "ip_fragment_timeout", frame: entry.firstFrame,
                               "IP datagram whose first fragment is frame \(entry.firstFrame) did not complete within \(limits.fragmentTimeoutSeconds) s")
            heldBytes -= entry.heldBytes
            pending[key] = nil
        }
    }

    private mutating func enforceMemoryLimit(frame: UInt64, diagnostics: DiagnosticSink) {
        while heldBytes > limits.fragmentBufferTotal,
              let oldest = pending.min(by: { ($0.value.firstSeen, $0.value.firstFrame) < ($1.value.firstSeen, $1.value.firstFrame) }) {
            diagnostics.recordLimit("ip_fragment_memory_limit", frame: frame,
                                    "fragment memory passed \(limits.fragmentBufferTotal) bytes; dropped the datagram begun in frame \(oldest.value.firstFrame)")
            heldBytes -= oldest.value.heldBytes
            pending[oldest.key] = nil
        }
    }
}
