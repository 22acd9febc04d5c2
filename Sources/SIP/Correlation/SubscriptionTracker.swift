import Wire

/// Follows subscriptions by dialog and event package: SUBSCRIBE, its answer (with a
/// piggy-backed first notification), NOTIFY and BENOTIFY with Subscription-State.
public struct SubscriptionTracker {
    struct Key: Hashable {
        let dialogID: String
        let event: String
    }

    private var byKey: [Key: Subscription] = [:]
    /// Each dialog's open subscriptions' events, oldest first: a message naming no event
    /// (most answers) belongs to the oldest, found without scanning every subscription.
    private var eventsByDialog: [String: [String]] = [:]
    private var nextNumber = 1

    public init() {}

    public var openSubscriptions: Int { byKey.count }

    /// The subscription this message concerns, after updating it; nil for other messages.
    /// Returns whether the subscription ended, so the dialog can be closed.
    public mutating func observe(_ message: SIPMessage, dialogID: String?) -> (Subscription?, ended: Bool) {
        guard let dialogID, let cseqMethod = message.cseq?.method else { return (nil, false) }
        let isSubscribe = cseqMethod == .subscribe
        let isNotify = cseqMethod == .notify || cseqMethod == .benotify
        guard isSubscribe || isNotify else { return (nil, false) }
        let event = Self.eventPackage(message) ?? eventsByDialog[dialogID]?.first ?? "?"
        let key = Key(dialogID: dialogID, event: event)
        var subscription = byKey[key] ?? Subscription(id: "s\(nextNumber)", event: event, state: .requested, expires: nil,
                                                      piggybackedNotify: false, reason: nil, notifyCount: 0)
        if byKey[key] == nil {
            nextNumber += 1
            eventsByDialog[dialogID, default: []].append(event)
        }
        switch (message.statusCode, isSubscribe) {
        case (nil, true):
            subscription.expires = message.first(.expires).flatMap { Int($0.trimmingSpaces) } ?? subscription.expires
        case (let status?, true):
            applySubscribeAnswer(status, message, to: &subscription)
        case (nil, false):
            subscription.notifyCount += 1
            if let header = message.first(.subscriptionState) { apply(header, to: &subscription) }
        default:
            break   // responses to NOTIFY change nothing
        }
        byKey[key] = subscription
        let ended = subscription.state == .terminated || subscription.state == .failed
        if ended {
            byKey[key] = nil
            eventsByDialog[dialogID]?.removeAll { $0 == event }
            if eventsByDialog[dialogID]?.isEmpty == true { eventsByDialog[dialogID] = nil }
        }
        return (subscription, ended)
    }

    private func applySubscribeAnswer(_ status: Int, _ message: SIPMessage, to subscription: inout Subscription) {
        switch status {
        case 200..<300:
            if subscription.state == .requested || subscription.state == .pending {
                subscription.state = status == 202 ? .pending : .active
            }
            subscription.expires = message.first(.expires).flatMap { Int($0.trimmingSpaces) } ?? subscription.expires
            if subscription.expires == 0 { subscription.state = .terminated }
            if !message.body.isEmpty { subscription.piggybackedNotify = true }
        case 300...:
            if subscription.state == .requested { subscription.state = .failed }
        default:
            break
        }
    }

    /// `active;expires=3600`, `terminated;reason=timeout`.
    private func apply(_ header: String, to subscription: inout Subscription) {
        let parts = header.split(separator: ";").map { $0.trimmingSpaces }
        switch parts.first?.lowercased() {
        case "active": subscription.state = .active
        case "pending": subscription.state = .pending
        case "terminated": subscription.state = .terminated
        default: break
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "expires": subscription.expires = Int(pair[1])
            case "reason": subscription.reason = pair[1]
            default: break
            }
        }
    }

    /// The Event header's package, without parameters: `presence`, `vnd-microsoft-roaming-contacts`…
    public static func eventPackage(_ message: SIPMessage) -> String? {
        message.first(.event).map { value in
            // The first piece before a `;` that is not empty, found by bytes (`;` is ASCII,
            // so the cut falls between characters): every SUBSCRIBE and NOTIFY has one.
            value.withUTF8Bytes { bytes in
                var start = 0
                while start < bytes.count, bytes[start] == UInt8(ascii: ";") { start += 1 }
                let end = bytes.firstIndex(of: UInt8(ascii: ";"), in: start..<bytes.count) ?? bytes.count
                return bytes.lowercasedString(bytes.trimmingSpaces(start..<end))
            }
        }
    }
}
