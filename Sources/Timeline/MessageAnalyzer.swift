import Payloads
import SafeXML
import SIP
import Wire

/// Correlates each message with its transaction, dialog and subscription, decodes its
/// payload, and keeps the identity registry up to date. Payload problems become
/// diagnostics naming the frame; the message is kept regardless.
public final class MessageAnalyzer {
    public private(set) var transactions = TransactionTracker()
    public private(set) var dialogs: DialogTracker
    public private(set) var subscriptions = SubscriptionTracker()
    public private(set) var identities = IdentityRegistry()
    private let diagnostics: DiagnosticSink
    private let xmlLimits: XMLLimits

    public init(diagnostics: DiagnosticSink, limits: Limits = .default) {
        self.diagnostics = diagnostics
        dialogs = DialogTracker(maximumOpenDialogs: limits.openDialogs)
        xmlLimits = Self.xmlLimits(limits)
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
        let transaction = transactions.observe(observed)
        let evictionsBefore = dialogs.evictions
        let dialogID = dialogs.observe(observed)
        if dialogs.evictions > evictionsBefore {
            diagnostics.recordLimit("sip_dialog_limit", frame: observed.frame,
                                    "more than \(dialogs.maximumOpenDialogs) SIP dialogs open; forgot the idlest tenth")
        }
        let (subscription, ended) = subscriptions.observe(observed.message, dialogID: dialogID)
        if ended, let dialogID, observed.message.cseq?.method != .invite { dialogs.terminate(dialogID) }
        identities.observe(observed)
        let decoding = decoding ?? MessageDecoding(observed.message, xmlLimits: xmlLimits)
        for problem in decoding.problems {
            diagnostics.record(.warning, problem.code, frame: observed.frame, problem.detail)
        }
        return AnalysedMessage(observed: observed, transaction: transaction, dialogID: dialogID,
                               subscription: subscription, decoding: decoding)
    }
}
