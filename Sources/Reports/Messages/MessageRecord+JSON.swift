import Payloads
import SIP

extension MessageRecord {
    /// The record as `JSONEncoder` would write it (keys sorted, absent values `null`),
    /// without its cost: `messages --format json` writes one of these per SIP message.
    public func write(to json: inout JSONBuilder) throws {
        try json.object { json in
            json.key("authentication")
            json.array(authentication) { $0.write($1) }
            json.member("bodyLength", bodyLength)
            json.member("callId", callId)
            json.member("contentType", contentType)
            json.key("cseq")
            if let cseq {
                json.object { json in
                    json.member("method", cseq.method)
                    json.member("seq", cseq.seq)
                }
            } else {
                json.null()
            }
            json.key("diagnostics")
            json.array(diagnostics) { $0.write($1) }
            json.member("dialog", dialog)
            json.member("dst", dst)
            json.member("frame", frame)
            json.key("from")
            json.write(from)
            json.member("method", method)
            json.key("payload")
            try json.encodable(payload)
            json.member("reason", reason)
            json.member("requestUri", requestUri)
            json.member("responseTime", responseTime)
            json.member("retransmission", retransmission)
            json.member("src", src)
            json.member("status", status)
            json.key("subscription")
            json.write(subscription)
            json.member("time", time)
            json.key("to")
            json.write(to)
            json.member("transaction", transaction)
            json.member("transport", transport)
        }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ party: MessageRecord.Party?) {
        guard let party else { return null() }
        object { json in
            json.member("tag", party.tag)
            json.member("uri", party.uri)
        }
    }

    /// Synthesised `Encodable` leaves absent optionals out, so these do too.
    fileprivate mutating func write(_ subscription: Subscription?) {
        guard let subscription else { return null() }
        object { json in
            json.member("event", subscription.event)
            json.member("expires", ifPresent: subscription.expires)
            json.member("id", subscription.id)
            json.member("notifyCount", subscription.notifyCount)
            json.member("piggybackedNotify", subscription.piggybackedNotify)
            json.member("reason", ifPresent: subscription.reason)
            json.member("state", subscription.state.rawValue)
        }
    }

    fileprivate mutating func write(_ challenge: AuthenticationChallenge) {
        object { json in
            json.member("header", challenge.header)
            json.key("parameters")
            json.stringDictionary(challenge.parameters)
            json.member("scheme", challenge.scheme)
        }
    }

    fileprivate mutating func write(_ diagnostic: MicrosoftDiagnostic) {
        object { json in
            json.member("explanation", ifPresent: diagnostic.explanation)
            json.member("header", diagnostic.header)
            json.member("id", ifPresent: diagnostic.id)
            json.key("parameters")
            json.stringDictionary(diagnostic.parameters)
            json.member("reason", ifPresent: diagnostic.reason)
            json.member("source", ifPresent: diagnostic.source)
            json.member("subCode", ifPresent: diagnostic.subCode)
        }
    }
}
