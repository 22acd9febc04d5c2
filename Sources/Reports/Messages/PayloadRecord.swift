import Payloads

/// The `payload` object of a message record: `type`, `summary`, then the decoder's typed
/// fields beside them.
public struct PayloadRecord: Encodable, Sendable {
    public let payload: Payload

    public init(_ payload: Payload) { self.payload = payload }

    enum Keys: String, CodingKey {
        case type, summary, parts, contentType, contentId, length
    }

    public func encode(to encoder: Encoder) throws {
        try encodeFields(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(payload.typeName, forKey: .type)
        try container.encode(payload.summary, forKey: .summary)
    }

    private func encodeFields(to encoder: Encoder) throws {
        switch payload {
        case .xccos(let value): try value.encode(to: encoder)
        case .presence(let value): try value.encode(to: encoder)
        case .containerMembers(let value): try value.encode(to: encoder)
        case .pidf(let value): try value.encode(to: encoder)
        case .rlmi(let value): try value.encode(to: encoder)
        case .batchSubscribe(let value): try value.encode(to: encoder)
        case .categoryPublish(let value): try value.encode(to: encoder)
        case .fault(let value): try value.encode(to: encoder)
        case .contacts(let value): try value.encode(to: encoder)
        case .soap(let value): try value.encode(to: encoder)
        case .imText(let value): try value.encode(to: encoder)
        case .imControl(let value): try value.encode(to: encoder)
        case .typing(let value): try value.encode(to: encoder)
        case .sdp(let value): try value.encode(to: encoder)
        case .fileTransfer(let value): try value.encode(to: encoder)
        case .msmsgsinvite(let value): try value.encode(to: encoder)
        case .provisioning(let value): try value.encode(to: encoder)
        case .multipart(_, let parts):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(parts.map(PartRecord.init), forKey: .parts)
        case .unknown(let contentType, let length):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(contentType, forKey: .contentType)
            try container.encode(length, forKey: .length)
        }
    }

    struct PartRecord: Encodable {
        let contentType: String?
        let contentId: String?
        let payload: PayloadRecord

        init(_ part: PayloadPart) {
            contentType = part.contentType
            contentId = part.contentID
            payload = PayloadRecord(part.payload)
        }
    }
}
