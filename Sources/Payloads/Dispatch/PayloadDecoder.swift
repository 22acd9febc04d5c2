import SafeXML

/// Picks the decoder for a body by its Content-Type and, for XML, by its root element
/// (XCCOS travels as `text/plain`; several Microsoft types are only known by their root).
public enum PayloadDecoder {
    /// Multipart inside multipart deeper than this is not followed.
    static let maximumNesting = 4

    public static func decode(body: [UInt8], contentType: String?, xmlLimits: XMLLimits = .default,
                              problems: inout [PayloadProblem]) -> Payload? {
        decode(body: body, contentType: contentType, depth: 0, xmlLimits: xmlLimits, problems: &problems)
    }

    static func decode(body: [UInt8], contentType: String?, depth: Int, xmlLimits: XMLLimits,
                       problems: inout [PayloadProblem]) -> Payload? {
        guard !body.isEmpty else { return nil }
        let media = MediaType(contentType ?? "")
        switch media.essence {
        case "application/sdp":
            return .sdp(SessionDescription.decode(body))
        case "text/plain" where looksLikeXCCOS(body), "application/xccos+xml":
            return xml(body, media: media, limits: xmlLimits, problems: &problems)
        case "text/plain", "text/rtf":
            return .imText(IMText(format: media.essence, text: String(decoding: body, as: UTF8.self), formatting: nil))
        case "text/html":
            return .imText(IMText(format: media.essence, text: HTMLText.reduce(String(decoding: body, as: UTF8.self)), formatting: nil))
        case "text/x-msmsgsinvite":
            return .msmsgsinvite(MSMsgsInvite.decode(body))
        case _ where media.essence.hasPrefix("multipart/"):
            return multipart(body, media: media, depth: depth, xmlLimits: xmlLimits, problems: &problems)
        case _ where isXML(media.essence):
            return xml(body, media: media, limits: xmlLimits, problems: &problems)
        default:
            return .unknown(contentType: contentType, length: body.count)
        }
    }

    static func isXML(_ essence: String) -> Bool {
        essence.hasSuffix("+xml") || essence.hasSuffix("/xml") || essence.hasPrefix("text/xml")
            || essence == "application/x-ms-mim" || essence == "application/xml+conversationinfo"
    }

    static func looksLikeXCCOS(_ body: [UInt8]) -> Bool {
        let start = body.prefix(64).drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        return start.starts(with: Array("<xccos".utf8)) || start.starts(with: Array("<?xml".utf8))
            && String(decoding: body.prefix(256), as: UTF8.self).contains("<xccos")
    }

    private static func xml(_ body: [UInt8], media: MediaType, limits: XMLLimits,
                            problems: inout [PayloadProblem]) -> Payload {
        do {
            let root = try SafeXMLParser.parse(body, limits: limits)
            return XMLPayloadDecoder.decode(root) ?? .unknown(contentType: media.essence, length: body.count)
        } catch {
            problems.append(PayloadProblem(code: error.code.rawValue, detail: "\(media.essence) body: \(error.reason)"))
            return .unknown(contentType: media.essence, length: body.count)
        }
    }

    private static func multipart(_ body: [UInt8], media: MediaType, depth: Int, xmlLimits: XMLLimits,
                                  problems: inout [PayloadProblem]) -> Payload {
        let subtype = String(media.essence.dropFirst("multipart/".count))
        guard depth < maximumNesting else {
            problems.append(PayloadProblem(code: "multipart_too_deep", detail: "multipart nested deeper than \(maximumNesting)"))
            return .unknown(contentType: media.essence, length: body.count)
        }
        guard let boundary = media.parameters["boundary"], let parts = MultipartBody.split(body, boundary: boundary) else {
            problems.append(PayloadProblem(code: "multipart_malformed", detail: "\(media.essence) body without its boundary"))
            return .unknown(contentType: media.essence, length: body.count)
        }
        return .multipart(subtype: subtype, parts: parts.map { part in
            let type = part.header("Content-Type")
            let payload = decode(body: part.body, contentType: type, depth: depth + 1, xmlLimits: xmlLimits, problems: &problems)
            return PayloadPart(contentType: type, contentID: part.header("Content-ID"),
                               payload: payload ?? .unknown(contentType: type, length: 0))
        })
    }
}

/// Dispatches a parsed XML body on its root element.
enum XMLPayloadDecoder {
    static let fileTransferNamespace = "http://schemas.microsoft.com/rtc/2009/05/filetransfer"

    static func decode(_ root: XMLElement) -> Payload? {
        switch root.name {
        case "xccos": .xccos(XCCOSDecoder.decode(root))
        case "categories": .presence(PresenceCategories.decode(root))
        case "setContainerMembers": .containerMembers(ContainerMembership.decode(root))
        case "presence", "presentity": .pidf(PIDFDocument.decode(root))
        case "list": .rlmi(RLMIList.decode(root))
        case "batchSub", "adhoclist": .batchSubscribe(BatchSubscription.decode(root))
        case "publish": .categoryPublish(CategoryPublication.decode(root))
        case "Fault", "fault": .fault(PresenceFault.decode(root))
        case "contactList", "contactDelta": .contacts(ContactListDocument.decode(root))
        case "Envelope": SOAPRequest.decode(root).map(Payload.soap)
        case "provisioningGroupList", "provisionGroupList": .provisioning(ProvisioningDocument.decode(root))
        // A `where` clause binds only the last pattern of a case: test the namespace once for all three.
        case "request", "response", "notify":
            root.namespace == fileTransferNamespace ? .fileTransfer(FileTransferDocument.decode(root)) : nil
        case "KeyboardActivity", "isComposing": TypingIndication.decode(root).map(Payload.typing)
        case "action", "ConversationInfo": IMControl.decode(root).map(Payload.imControl)
        default: nil
        }
    }
}
