/// A decoded SIP body: a typed value per payload kind, each with a one-line summary.
public indirect enum Payload: Equatable, Sendable {
    case xccos(XCCOSDocument)
    case presence(PresenceCategories)
    case containerMembers(ContainerMembership)
    case pidf(PIDFDocument)
    case rlmi(RLMIList)
    case batchSubscribe(BatchSubscription)
    case categoryPublish(CategoryPublication)
    case fault(PresenceFault)
    case contacts(ContactListDocument)
    case soap(SOAPRequest)
    case imText(IMText)
    case imControl(IMControl)
    case typing(TypingIndication)
    case sdp(SessionDescription)
    case fileTransfer(FileTransferDocument)
    case msmsgsinvite(MSMsgsInvite)
    case provisioning(ProvisioningDocument)
    case multipart(subtype: String, parts: [PayloadPart])
    /// A body no decoder claims (or one that failed to decode): its type and size.
    case unknown(contentType: String?, length: Int)

    /// The `type` key in JSON.
    public var typeName: String {
        switch self {
        case .xccos: "xccos"
        case .presence, .containerMembers: "presence"
        case .pidf: "pidf"
        case .rlmi: "rlmi"
        case .batchSubscribe: "batch-subscribe"
        case .categoryPublish: "category-publish"
        case .fault: "fault"
        case .contacts: "contacts"
        case .soap: "soap"
        case .imText, .imControl: "im-text"
        case .typing: "typing"
        case .sdp: "sdp"
        case .fileTransfer: "file-transfer"
        case .msmsgsinvite: "msmsgsinvite"
        case .provisioning: "provisioning"
        case .multipart: "multipart"
        case .unknown: "unknown"
        }
    }

    public var summary: String {
        switch self {
        case .xccos(let value): value.summary
        case .presence(let value): value.summary
        case .containerMembers(let value): value.summary
        case .pidf(let value): value.summary
        case .rlmi(let value): value.summary
        case .batchSubscribe(let value): value.summary
        case .categoryPublish(let value): value.summary
        case .fault(let value): value.summary
        case .contacts(let value): value.summary
        case .soap(let value): value.summary
        case .imText(let value): value.summary
        case .imControl(let value): value.summary
        case .typing(let value): value.summary
        case .sdp(let value): value.summary
        case .fileTransfer(let value): value.summary
        case .msmsgsinvite(let value): value.summary
        case .provisioning(let value): value.summary
        case .multipart(let subtype, let parts):
            "multipart/\(subtype) of \(parts.count): " + parts.map { $0.payload.summary }.joined(separator: " | ")
        case .unknown(let contentType, let length): "\(contentType ?? "body without Content-Type"), \(length) bytes"
        }
    }

    /// Whether this payload or one inside it, depth first, satisfies `predicate`: the walk
    /// the others below are made of, stopping at the first match and building no list.
    public func containsFlattened(where predicate: (Payload) -> Bool) -> Bool {
        if predicate(self) { return true }
        guard case .multipart(_, let parts) = self else { return false }
        return parts.contains { $0.payload.containsFlattened(where: predicate) }
    }

    /// Each payload inside this one, depth first, this one included: `flattened` without
    /// the list.
    public func forEachFlattened(_ body: (Payload) -> Void) {
        _ = containsFlattened { body($0); return false }
    }

    /// Every payload inside this one, depth first, this one included.
    public var flattened: [Payload] {
        var payloads: [Payload] = []
        forEachFlattened { payloads.append($0) }
        return payloads
    }
}

/// One part of a multipart body.
public struct PayloadPart: Equatable, Sendable {
    public let contentType: String?
    public let contentID: String?
    public let payload: Payload
}
