import Wire

/// Where packets come from: a capture file or a live interface.
///
/// Sources push packets into a closure rather than returning them, so that the borrowed
/// bytes of each packet cannot escape the moment they are valid in.
public protocol PacketSource: AnyObject {
    /// Delivers every packet in order until the source ends or `body` returns `.stop`.
    /// Problems that do not end the read (a truncated last record, an unreadable block)
    /// are reported through `diagnostics`; a source that cannot be read at all throws.
    func readPackets(into diagnostics: DiagnosticSink,
                     _ body: (CapturedPacket) throws -> ReadControl) throws
}

/// Whether a packet consumer wants more packets.
public enum ReadControl: Sendable {
    case proceed
    case stop
}
