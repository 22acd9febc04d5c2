import Decode
import SIP
import Wire

/// Where framers hand their messages and problems.
protocol MessageSink: AnyObject {
    func deliver(_ message: ObservedMessage)
    /// A payload that holds one whole SIP message (UDP datagram, WebSocket message).
    func deliverDatagram(_ payload: UnsafeRawBufferPointer, frame: UInt64, time: Timestamp,
                         source: Endpoint, destination: Endpoint, transport: SIPTransport)
    func report(_ severity: Diagnostic.Severity, _ code: String, frame: UInt64, _ message: String)
}
