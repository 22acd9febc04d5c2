import Payloads
import SIP

/// A SIP message with what correlation and the payload decoders found in it.
public struct AnalysedMessage: Sendable {
    public let observed: ObservedMessage
    public let transaction: TransactionTracker.Assignment
    public let dialogID: String?
    /// The subscription state after this message, for SUBSCRIBE, NOTIFY, BENOTIFY and their answers.
    public let subscription: Subscription?
    public let decoding: MessageDecoding
}
