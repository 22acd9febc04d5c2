import Decode
import Wire

/// A SIP message as seen in the capture: where, when, how, and what.
public struct ObservedMessage: Sendable {
    /// The frame that completed the message (tshark's convention for reassembled PDUs).
    public let frame: UInt64
    public let time: Timestamp
    public let source: Endpoint
    public let destination: Endpoint
    public let transport: SIPTransport
    public let message: SIPMessage

    public init(frame: UInt64, time: Timestamp, source: Endpoint, destination: Endpoint,
                transport: SIPTransport, message: SIPMessage) {
        self.frame = frame
        self.time = time
        self.source = source
        self.destination = destination
        self.transport = transport
        self.message = message
    }
}
