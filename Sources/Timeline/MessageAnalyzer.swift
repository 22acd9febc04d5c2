import Payloads
import SafeXML
import SIP
import Wire

/// Correlates each message with its transaction, dialog and subscription, decodes its
/// payload, and keeps the identity registry up to date. Payload problems become
/// diagnostics naming the frame; the message is kept regardless.
public final class MessageAnalyzer {
    /// The four trackers as one value: each message changes all of them, in one checked
    /// access to this class's state rather than one per tracker.
    private struct Trackers {
        var transactions = TransactionTracker()
        var dialogs: DialogTracker
        var subscriptions = SubscriptionTracker()
        var identities = IdentityRegistry()
    }

    private var trackers: Trackers
    public var transactions: TransactionTracker { trackers.transactions }
    public var dialogs: DialogTracker { trackers.dialogs }
    public var subscriptions: SubscriptionTracker { trackers.subscriptions }
    public var identities: IdentityRegistry { trackers.identities }
    private let diagnostics: DiagnosticSink
    private let xmlLimits: XMLLimits

    public init(diagnostics: DiagnosticSink, limits: Limits = .default) {
        self.diagnostics = diagnostics
        trackers = Trackers(dialogs: DialogTracker(maximumOpenDialogs: limits.openDialogs))
        xmlLimits = Self.xmlLimits(limits)
    }

    private func withTrackers<Result>(_ body: (inout Trackers) -> Result) -> Result {
        body(&trackers)
    }

    static func xmlLimits(_ limits: Limits) -> XMLLimits {
        var xml = XMLLimits()
        xml.maximumBytes = limits.xmlBytes
        xml.maximumDepth = limits.xmlDepth
        xml.maximumElements = limits.xmlElements
        return xml
    }

    /// The payload is decoded here unless `decoding` brings it decoded already (decoding
    /// depends on the message alone, so another thread may have done it).
    public func analyse(_ observed: ObservedMessage, decoding: MessageDecoding? = nil) -> AnalysedMessage {
        let (transaction, dialogID, subscription, evicted) = withTrackers { trackers in
            let transaction = trackers.transactions.observe(observed)
            let evictionsBefore = trackers.dialogs.evictions
            let dialogID = trackers.dialogs.observe(observed)
            let evicted = trackers.dialogs.evictions > evictionsBefore
            let (subscription, ended) = trackers.subscriptions.observe(observed.message, dialogID: dialogID)
            if ended, let dialogID, observed.message.cseq?.method != .invite { trackers.dialogs.terminate(dialogID) }
            trackers.identities.observe(observed)
            return (transaction, dialogID, subscription, evicted)
        }
        if evicted {
            diagnostics.recordLimit("sip_dialog_limit", frame: observed.frame,
                                    "more than \(dialogs.maximumOpenDialogs) SIP dialogs open; forgot the idlest tenth")
        }
        let decoding = decoding ?? MessageDecoding(observed.message, xmlLimits: xmlLimits)
        for problem in decoding.problems {
            diagnostics.record(.warning, problem.code, frame: observed.frame, problem.detail)
        }
        return AnalysedMessage(observed: observed, transaction: transaction, dialogID: dialogID,
                               subscription: subscription, decoding: decoding)
    }
}
