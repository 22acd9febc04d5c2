import Wire

/// Ties messages to dialogs by Call-ID and tags (RFC 3261 §12), following early,
/// confirmed and terminated states, and forking (several To tags answering one request).
///
/// A dialog is named when its creating request (INVITE, SUBSCRIBE, REFER) is seen, so
/// the request and every response share the id. A request inside a dialog whose start
/// was not captured opens the dialog there.
public struct DialogTracker {
    /// The Call-ID as the message hashed it: these tables are looked up for every message.
    struct Key: Hashable {
        let callID: HashedText
        let lowerTag: String
        let upperTag: String

        init(callID: HashedText, _ first: String, _ second: String) {
            self.callID = callID
            lowerTag = min(first, second)
            upperTag = max(first, second)
        }
    }

    struct CallerKey: Hashable {
        let callID: HashedText
        let tag: String
    }

    /// INVITE, SUBSCRIBE and REFER; compared, not hashed into a set, for every message.
    static func createsDialogs(_ method: SIPMethod) -> Bool {
        method == .invite || method == .subscribe || method == .refer
    }
    static let lingerSeconds = 32.0

    /// By id, hashed once when the dialog opens: every message looks its dialog up.
    public private(set) var dialogs: [HashedText: Dialog] = [:]
    private var byKey: [Key: HashedText] = [:]
    /// Dialogs created by a request, by the creator's Call-ID and tag; all forks listed.
    private var byCaller: [CallerKey: [HashedText]] = [:]
    private var nextNumber = 1
    private var lastSweep = Timestamp(seconds: 0, nanoseconds: 0)
    /// The terminated dialogs still lingering: the sweep looks at these alone, so its cost
    /// follows what ends, not every dialog still open.
    private var terminatedIDs: Set<HashedText> = []
    public private(set) var dialogCount = 0
    /// Dialogs tracked at once (`Limits.openDialogs`); past it the idlest tenth is forgotten.
    public let maximumOpenDialogs: Int
    /// How many times the cap forced dialogs out.
    public private(set) var evictions = 0

    public init(maximumOpenDialogs: Int = Limits.default.openDialogs) {
        self.maximumOpenDialogs = max(1, maximumOpenDialogs)
    }

    public var openDialogs: Int { dialogs.count }

    /// The dialog this message belongs to, if any, after updating its state.
    public mutating func observe(_ observed: ObservedMessage) -> String? {
        sweep(now: observed.time)
        let message = observed.message
        guard let callID = message.callIDKey, let fromTag = message.from?.tag else { return nil }
        let toTag = message.to?.tag
        let id: HashedText?
        if let status = message.statusCode {
            id = observeResponse(message, status: status, callID: callID, fromTag: fromTag, toTag: toTag)
        } else {
            id = observeRequest(message, callID: callID, fromTag: fromTag, toTag: toTag, time: observed.time)
        }
        if let id, let index = dialogs.index(forKey: id) {
            // One in-place access: a read through the subscript would copy the dialog out.
            let terminated = dialogs.values.modify(at: index) { dialog in
                dialog.lastActivity = observed.time
                return dialog.state == .terminated
            }
            if terminated { terminatedIDs.insert(id) }
        }
        return id?.text
    }

    /// Ends a dialog for a reason outside its own messages (a subscription terminated).
    public mutating func terminate(_ id: String) {
        let id = HashedText(id)
        guard dialogs[id] != nil else { return }
        dialogs[id]?.state = .terminated
        terminatedIDs.insert(id)
    }

    private mutating func observeRequest(_ message: SIPMessage, callID: HashedText, fromTag: String, toTag: String?,
                                         time: Timestamp) -> HashedText? {
        guard let method = message.method else { return nil }
        if let toTag, !toTag.isEmpty {
            if let id = byKey[Key(callID: callID, fromTag, toTag)] { return id }
            // The ACK for a refusal carries the refusal's To tag, which names no dialog.
            if method == .ack || method == .cancel, let id = byCaller[CallerKey(callID: callID, tag: fromTag)]?.first {
                return id
            }
            // The creator's side may not have seen the answer yet (NOTIFY before the 200 to
            // SUBSCRIBE): bind the pending dialog this request names.
            for tag in [toTag, fromTag] {
                if let id = byCaller[CallerKey(callID: callID, tag: tag)]?.first(where: { dialogs[$0]?.remoteTag == nil }) {
                    bind(id, remoteTag: tag == toTag ? fromTag : toTag, callID: callID)
                    return id
                }
            }
            return open(callID: callID, localTag: fromTag, remoteTag: toTag, method: method, state: .confirmed, time: time)
        }
        let caller = CallerKey(callID: callID, tag: fromTag)
        if let existing = byCaller[caller]?.first {
            // A new attempt after a refusal (INVITE again after 407) revives the dialog.
            if Self.createsDialogs(method), let dialog = dialogs[existing],
               dialog.state == .terminated, dialog.remoteTag == nil {
                dialogs[existing]?.state = .initiated
                terminatedIDs.remove(existing)
            }
            return existing
        }
        guard Self.createsDialogs(method) else { return nil }
        return open(callID: callID, localTag: fromTag, remoteTag: nil, method: method, state: .initiated, time: time)
    }

    private mutating func observeResponse(_ message: SIPMessage, status: Int, callID: HashedText, fromTag: String,
                                          toTag: String?) -> HashedText? {
        let caller = CallerKey(callID: callID, tag: fromTag)
        var id: HashedText?
        if let toTag, !toTag.isEmpty {
            id = byKey[Key(callID: callID, fromTag, toTag)]
            // Only a 101–299 answer to the creating request makes a dialog (RFC 3261 §12.1);
            // the To tag of a 401 or 486 names no dialog.
            let createsDialog = (101..<300).contains(status) && message.cseq.map { Self.createsDialogs($0.method) } == true
            if id == nil, let candidates = byCaller[caller], let first = candidates.first, let dialog = dialogs[first] {
                if !createsDialog {
                    id = first
                } else if let unbound = candidates.first(where: { dialogs[$0]?.remoteTag == nil }) {
                    bind(unbound, remoteTag: toTag, callID: callID)
                    id = unbound
                } else {
                    // Forking: a second To tag answering the same request is a dialog of its own.
                    id = open(callID: callID, localTag: fromTag, remoteTag: toTag, method: dialog.method,
                              state: .initiated, time: dialog.start)
                }
            }
        } else {
            id = byCaller[caller]?.first
        }
        guard let id, let cseqMethod = message.cseq?.method, let index = dialogs.index(forKey: id) else { return id }
        dialogs.values.modify(at: index) { dialog in
            dialog.state = Self.state(of: dialog, after: status, cseqMethod: cseqMethod, hasToTag: toTag != nil)
        }
        return id
    }

    private static func state(of dialog: Dialog, after status: Int, cseqMethod: SIPMethod, hasToTag: Bool) -> Dialog.State {
        var state = dialog.state
        if cseqMethod == dialog.method, state != .terminated {
            switch status {
            case 101..<200 where hasToTag && state == .initiated: state = .early
            case 200..<300: state = .confirmed
            case 300...: if state != .confirmed { state = .terminated }
            default: break
            }
        }
        if cseqMethod == .bye, (200..<300).contains(status) || status == 481 { state = .terminated }
        return state
    }

    private mutating func open(callID: HashedText, localTag: String, remoteTag: String?, method: SIPMethod,
                               state: Dialog.State, time: Timestamp) -> HashedText {
        let id = HashedText("d\(nextNumber)")
        nextNumber += 1
        dialogCount += 1
        dialogs[id] = Dialog(id: id.text, callID: callID.text, localTag: localTag, remoteTag: remoteTag, method: method,
                             state: state, start: time, lastActivity: time)
        byCaller[CallerKey(callID: callID, tag: localTag), default: []].append(id)
        if let remoteTag { byKey[Key(callID: callID, localTag, remoteTag)] = id }
        if dialogs.count > maximumOpenDialogs { evictIdlest(keeping: id) }
        return id
    }

    private mutating func evictIdlest(keeping newest: HashedText) {
        evictions += 1
        let victims = dialogs.compactMap { $0.key == newest ? nil : (id: $0.key, lastActivity: $0.value.lastActivity) }
            .sorted { $0.lastActivity < $1.lastActivity }
            .prefix(max(1, maximumOpenDialogs / 10))
        for victim in victims { forget(victim.id) }
    }

    private mutating func bind(_ id: HashedText, remoteTag: String, callID: HashedText) {
        guard let dialog = dialogs[id] else { return }
        dialogs[id]?.remoteTag = remoteTag
        byKey[Key(callID: callID, dialog.localTag, remoteTag)] = id
    }

    private mutating func sweep(now: Timestamp) {
        guard now.seconds(since: lastSweep) >= 1 else { return }
        lastSweep = now
        // Ids collected, not dialogs: a dialog read out of the table is a copy of its strings.
        var expired: [HashedText] = []
        for id in terminatedIDs {
            guard let index = dialogs.index(forKey: id), dialogs.values[index].state == .terminated,
                  now.seconds(since: dialogs.values[index].lastActivity) > Self.lingerSeconds else { continue }
            expired.append(id)
        }
        for id in expired { forget(id) }
    }

    private mutating func forget(_ id: HashedText) {
        terminatedIDs.remove(id)
        guard let dialog = dialogs.removeValue(forKey: id) else { return }
        let callID = HashedText(dialog.callID)
        let caller = CallerKey(callID: callID, tag: dialog.localTag)
        byCaller[caller]?.removeAll { $0 == id }
        if byCaller[caller]?.isEmpty == true { byCaller[caller] = nil }
        if let remoteTag = dialog.remoteTag { byKey[Key(callID: callID, dialog.localTag, remoteTag)] = nil }
    }
}
