import Payloads
import SIP

/// A SIP message with what correlation and the payload decoders found in it.
///
/// One reference wide: the scenario stage holds every message of a capture in several
/// lists (by conversation, by payload) and a reference costs 8 bytes where a copy of the
/// fields costs hundreds.
public struct AnalysedMessage: Sendable {
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let observed: ObservedMessage
        @usableFromInline let transaction: TransactionTracker.Assignment
        @usableFromInline let dialogID: String?
        @usableFromInline let subscription: Subscription?
        @usableFromInline let decoding: MessageDecoding

        init(observed: ObservedMessage, transaction: TransactionTracker.Assignment, dialogID: String?,
             subscription: Subscription?, decoding: MessageDecoding) {
            self.observed = observed
            self.transaction = transaction
            self.dialogID = dialogID
            self.subscription = subscription
            self.decoding = decoding
        }
    }

    @usableFromInline let storage: Storage

    // Read in place (`_read`): `analysed.observed.time` then copies neither the observed
    // message nor the decoding out of the storage, on every read by every stage. Inlinable,
    // because a coroutine called across modules allocates its frame on every read.
    @inlinable public var observed: ObservedMessage { _read { yield storage.observed } }
    @inlinable public var transaction: TransactionTracker.Assignment { _read { yield storage.transaction } }
    @inlinable public var dialogID: String? { _read { yield storage.dialogID } }
    /// The subscription state after this message, for SUBSCRIBE, NOTIFY, BENOTIFY and their answers.
    @inlinable public var subscription: Subscription? { _read { yield storage.subscription } }
    @inlinable public var decoding: MessageDecoding { _read { yield storage.decoding } }

    init(observed: ObservedMessage, transaction: TransactionTracker.Assignment, dialogID: String?,
         subscription: Subscription?, decoding: MessageDecoding) {
        storage = Storage(observed: observed, transaction: transaction, dialogID: dialogID, subscription: subscription,
                          decoding: decoding)
    }
}

extension AnalysedMessage {
    /// The same analysis over `observed.message.retaining(headers)`: no body, only the
    /// headers named. The payload stays decoded.
    public func retaining(_ headers: [SIPHeaderName]) -> AnalysedMessage {
        AnalysedMessage(observed: ObservedMessage(frame: observed.frame, time: observed.time, source: observed.source,
                                                  destination: observed.destination, transport: observed.transport,
                                                  message: observed.message.retaining(headers)),
                        transaction: transaction, dialogID: dialogID, subscription: subscription, decoding: decoding)
    }
}
