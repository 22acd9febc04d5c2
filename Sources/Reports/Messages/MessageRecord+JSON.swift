import Payloads
import SIP

extension MessageRecord {
    /// The record as `JSONEncoder` would write it (keys sorted, absent values `null`),
    /// without its cost: `messages --format json` writes one of these per SIP message.
    public func write(to json: inout JSONBuilder) throws {
        var failure: Error?
        json.object { json in
            json.key("authentication")
            json.array(authentication) { $0.write($1) }
            json.key("bodyLength")
            json.integer(bodyLength)
            json.key("callId")
            json.string(callId)
            json.key("contentType")
            json.string(contentType)
            json.key("cseq")
            if let cseq {
                json.object { json in
                    json.key("method")
                    json.string(cseq.method)
                    json.key("seq")
                    json.integer(cseq.seq)
                }
            } else {
                json.null()
            }
            json.key("diagnostics")
            json.array(diagnostics) { $0.write($1) }
            json.key("dialog")
            json.string(dialog)
            json.key("dst")
            json.string(dst)
            json.key("frame")
            json.integer(frame)
            json.key("from")
            json.write(from)
            json.key("method")
            json.string(method)
            json.key("payload")
            if let payload {
                do { try json.encodable(payload) } catch { failure = error }
            } else {
                json.null()
            }
            json.key("reason")
            json.string(reason)
            json.key("requestUri")
            json.string(requestUri)
            json.key("responseTime")
            json.double(responseTime)
            json.key("retransmission")
            json.bool(retransmission)
            json.key("src")
            json.string(src)
            json.key("status")
            json.integer(status)
            json.key("subscription")
            json.write(subscription)
            json.key("time")
            json.string(time)
            json.key("to")
            json.write(to)
            json.key("transaction")
            json.string(transaction)
            json.key("transport")
            json.string(transport)
        }
        if let failure { throw failure }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ party: MessageRecord.Party?) {
        guard let party else { return null() }
        object { json in
            json.key("tag")
            json.string(party.tag)
            json.key("uri")
            json.string(party.uri)
        }
    }

    /// Synthesised `Encodable` leaves absent optionals out, so these do too.
    fileprivate mutating func write(_ subscription: Subscription?) {
        guard let subscription else { return null() }
        object { json in
            json.key("event")
            json.string(subscription.event)
            json.member("expires", ifPresent: subscription.expires)
            json.key("id")
            json.string(subscription.id)
            json.key("notifyCount")
            json.integer(subscription.notifyCount)
            json.key("piggybackedNotify")
            json.bool(subscription.piggybackedNotify)
            json.member("reason", ifPresent: subscription.reason)
            json.key("state")
            json.string(subscription.state.rawValue)
        }
    }

    fileprivate mutating func write(_ challenge: AuthenticationChallenge) {
        object { json in
            json.key("header")
            json.string(challenge.header)
            json.key("parameters")
            json.stringDictionary(challenge.parameters)
            json.key("scheme")
            json.string(challenge.scheme)
        }
    }

    fileprivate mutating func write(_ diagnostic: MicrosoftDiagnostic) {
        object { json in
            json.member("explanation", ifPresent: diagnostic.explanation)
            json.key("header")
            json.string(diagnostic.header)
            json.member("id", ifPresent: diagnostic.id)
            json.key("parameters")
            json.stringDictionary(diagnostic.parameters)
            json.member("reason", ifPresent: diagnostic.reason)
            json.member("source", ifPresent: diagnostic.source)
            json.member("subCode", ifPresent: diagnostic.subCode)
        }
    }
}
