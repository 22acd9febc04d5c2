import Foundation
import Decode
import SIP
import Testing
import Wire

/// Builds observed messages between two endpoints for the correlation tests.
struct Conversation {
    static let alice = Endpoint(address: .v4(0x0A00_0001), port: 5060)
    static let server = Endpoint(address: .v4(0x0A00_0002), port: 5061)
    private(set) var frame: UInt64 = 0
    private(set) var seconds: Int64 = 1000

    mutating func observe(_ lines: [String], body: String = "", fromAlice: Bool = true, after delay: Int64 = 1) -> ObservedMessage {
        frame += 1
        seconds += delay
        let text = lines.joined(separator: "\r\n") + "\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
        let events = Array(text.utf8).withUnsafeBytes { SIPDatagramParser.parse($0) } ?? []
        guard case .message(let message)? = events.first else {
            Issue.record("not SIP: \(text)")
            return ObservedMessage(frame: 0, time: Timestamp(seconds: 0, nanoseconds: 0), source: Self.alice,
                                   destination: Self.server, transport: .udp,
                                   message: SIPMessage(startLine: .response(status: 0, reason: ""), headers: [], body: []))
        }
        return ObservedMessage(frame: frame, time: Timestamp(seconds: seconds, nanoseconds: 0),
                               source: fromAlice ? Self.alice : Self.server, destination: fromAlice ? Self.server : Self.alice,
                               transport: .udp, message: message)
    }
}

func request(_ method: String, cseq: Int, branch: String = "z9hG4bK1", callID: String = "c1", fromTag: String = "a",
             toTag: String? = nil, extra: [String] = []) -> [String] {
    ["\(method) sip:bob@contoso.com SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=\(branch)", "Call-ID: \(callID)",
     "CSeq: \(cseq) \(method)", "From: <sip:alice@contoso.com>;tag=\(fromTag)",
     "To: <sip:bob@contoso.com>" + (toTag.map { ";tag=\($0)" } ?? "")] + extra
}

func response(_ status: Int, _ method: String, cseq: Int, branch: String = "z9hG4bK1", callID: String = "c1", fromTag: String = "a",
              toTag: String? = nil, extra: [String] = []) -> [String] {
    ["SIP/2.0 \(status) Reason", "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=\(branch)", "Call-ID: \(callID)",
     "CSeq: \(cseq) \(method)", "From: <sip:alice@contoso.com>;tag=\(fromTag)",
     "To: <sip:bob@contoso.com>" + (toTag.map { ";tag=\($0)" } ?? "")] + extra
}

@Suite("Transactions")
struct TransactionTests {
    @Test("request and responses share a transaction; the final one carries the response time")
    func basicTransaction() {
        var conversation = Conversation()
        var tracker = TransactionTracker()
        let invite = tracker.observe(conversation.observe(request("INVITE", cseq: 1)))
        let ringing = tracker.observe(conversation.observe(response(180, "INVITE", cseq: 1, toTag: "b"), fromAlice: false))
        let ok = tracker.observe(conversation.observe(response(200, "INVITE", cseq: 1, toTag: "b"), fromAlice: false, after: 2))
        #expect([invite, ringing, ok].map(\.transactionID) == ["t1", "t1", "t1"])
        #expect(ok.responseTime == 3)
        #expect(ringing.responseTime == nil)
    }

    @Test("retransmitted requests and responses are marked, never counted twice")
    func retransmissions() {
        var conversation = Conversation()
        var tracker = TransactionTracker()
        let first = tracker.observe(conversation.observe(request("MESSAGE", cseq: 5)))
        let again = tracker.observe(conversation.observe(request("MESSAGE", cseq: 5)))
        let ok = tracker.observe(conversation.observe(response(200, "MESSAGE", cseq: 5, toTag: "b"), fromAlice: false))
        let okAgain = tracker.observe(conversation.observe(response(200, "MESSAGE", cseq: 5, toTag: "b"), fromAlice: false))
        #expect([first, again, ok, okAgain].map(\.isRetransmission) == [false, true, false, true])
        #expect(okAgain.responseTime == nil)
        #expect(tracker.transactionCount == 1)
    }

    @Test("ACK for a non-2xx joins the INVITE transaction; ACK for a 2xx is its own; CANCEL is its own")
    func ackAndCancel() {
        var conversation = Conversation()
        var tracker = TransactionTracker()
        _ = tracker.observe(conversation.observe(request("INVITE", cseq: 1)))
        let cancel = tracker.observe(conversation.observe(request("CANCEL", cseq: 1)))
        _ = tracker.observe(conversation.observe(response(487, "INVITE", cseq: 1, toTag: "b"), fromAlice: false))
        let ack = tracker.observe(conversation.observe(request("ACK", cseq: 1, toTag: "b")))
        #expect(cancel.transactionID == "t2")
        #expect(ack.transactionID == "t1")
        _ = tracker.observe(conversation.observe(request("INVITE", cseq: 2, branch: "z9hG4bK2")))
        _ = tracker.observe(conversation.observe(response(200, "INVITE", cseq: 2, branch: "z9hG4bK2", toTag: "c"), fromAlice: false))
        let ack2xx = tracker.observe(conversation.observe(request("ACK", cseq: 2, branch: "z9hG4bK3", toTag: "c")))
        #expect(ack2xx.transactionID == "t4")
    }

    @Test("stacks without RFC 3261 branches fall back to Call-ID and CSeq")
    func legacyBranch() {
        var conversation = Conversation()
        var tracker = TransactionTracker()
        let asked = tracker.observe(conversation.observe(request("OPTIONS", cseq: 9, branch: "oldstyle1")))
        let answered = tracker.observe(conversation.observe(response(200, "OPTIONS", cseq: 9, branch: "oldstyle1", toTag: "x"), fromAlice: false))
        let other = tracker.observe(conversation.observe(request("OPTIONS", cseq: 10, branch: "oldstyle1")))
        #expect(asked.transactionID == answered.transactionID)
        #expect(other.transactionID != asked.transactionID)
    }

    @Test("BENOTIFY expects no response")
    func benotify() {
        var conversation = Conversation()
        var tracker = TransactionTracker()
        _ = tracker.observe(conversation.observe(request("BENOTIFY", cseq: 3, toTag: "b"), fromAlice: false))
        #expect(tracker.openTransactions == 1)
        // Completed transactions are released once they stop lingering.
        _ = tracker.observe(conversation.observe(request("OPTIONS", cseq: 4, branch: "z9hG4bKlater"), after: 60))
        #expect(tracker.openTransactions == 1)
    }
}

@Suite("Dialogs and subscriptions")
struct DialogTests {
    @Test("early, confirmed, terminated; in-dialog requests from either side")
    func dialogLifecycle() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        let invite = dialogs.observe(conversation.observe(request("INVITE", cseq: 1)))
        #expect(dialogs.dialogs[HashedText(invite ?? "")]?.state == .initiated)
        _ = dialogs.observe(conversation.observe(response(180, "INVITE", cseq: 1, toTag: "b"), fromAlice: false))
        #expect(dialogs.dialogs["d1"]?.state == .early)
        _ = dialogs.observe(conversation.observe(response(200, "INVITE", cseq: 1, toTag: "b"), fromAlice: false))
        #expect(dialogs.dialogs["d1"]?.state == .confirmed)
        // Bob's MESSAGE inside the dialog: From and To swapped.
        let fromBob = conversation.observe(["MESSAGE sip:alice@contoso.com SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKm",
                                            "Call-ID: c1", "CSeq: 1 MESSAGE", "From: <sip:bob@contoso.com>;tag=b",
                                            "To: <sip:alice@contoso.com>;tag=a"], fromAlice: false)
        #expect(dialogs.observe(fromBob) == "d1")
        _ = dialogs.observe(conversation.observe(request("BYE", cseq: 2, branch: "z9hG4bKbye", toTag: "b")))
        _ = dialogs.observe(conversation.observe(response(200, "BYE", cseq: 2, branch: "z9hG4bKbye", toTag: "b"), fromAlice: false))
        #expect(dialogs.dialogs["d1"]?.state == .terminated)
        #expect(invite == "d1")
    }

    @Test("forked responses: each To tag is a dialog of its own")
    func forking() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        _ = dialogs.observe(conversation.observe(request("INVITE", cseq: 1)))
        let first = dialogs.observe(conversation.observe(response(180, "INVITE", cseq: 1, toTag: "phone"), fromAlice: false))
        let second = dialogs.observe(conversation.observe(response(180, "INVITE", cseq: 1, toTag: "laptop"), fromAlice: false))
        let answer = dialogs.observe(conversation.observe(response(200, "INVITE", cseq: 1, toTag: "laptop"), fromAlice: false))
        #expect(first == "d1")
        #expect(second == "d2")
        #expect(answer == "d2")
        #expect(dialogs.dialogs["d2"]?.state == .confirmed)
        #expect(dialogs.dialogs["d1"]?.state == .early)
    }

    @Test("a refusal's To tag makes no dialog; the retried INVITE continues the same one")
    func refusalThenRetry() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        _ = dialogs.observe(conversation.observe(request("INVITE", cseq: 1)))
        _ = dialogs.observe(conversation.observe(response(407, "INVITE", cseq: 1, toTag: "proxy"), fromAlice: false))
        #expect(dialogs.dialogs["d1"]?.state == .terminated)
        let ack = dialogs.observe(conversation.observe(request("ACK", cseq: 1, toTag: "proxy")))
        let retry = dialogs.observe(conversation.observe(request("INVITE", cseq: 2, branch: "z9hG4bK2")))
        let ok = dialogs.observe(conversation.observe(response(200, "INVITE", cseq: 2, branch: "z9hG4bK2", toTag: "bob"), fromAlice: false))
        #expect([ack, retry, ok] == ["d1", "d1", "d1"])
        #expect(dialogs.dialogs["d1"]?.state == .confirmed)
        #expect(dialogs.dialogCount == 1)
    }

    @Test("out-of-dialog requests have no dialog; a mid-dialog capture opens one")
    func outOfDialog() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        #expect(dialogs.observe(conversation.observe(request("SERVICE", cseq: 1))) == nil)
        #expect(dialogs.observe(conversation.observe(request("INFO", cseq: 7, toTag: "z"))) == "d1")
        #expect(dialogs.dialogs["d1"]?.state == .confirmed)
    }

    @Test("the Event package: the first piece that is not empty, without spaces, lower-cased")
    func eventPackage() {
        var conversation = Conversation()
        func package(_ event: String?) -> String? {
            let lines = request("SUBSCRIBE", cseq: 1, extra: event.map { ["Event: \($0)"] } ?? [])
            return SubscriptionTracker.eventPackage(conversation.observe(lines).message)
        }
        #expect(package("Presence;id=1") == "presence")
        #expect(package(";; vnd-microsoft-roaming-CONTACTS\t; x=1") == "vnd-microsoft-roaming-contacts")
        #expect(package("ÉVÉNEMENT") == "événement")
        #expect(package(";;") == "")
        #expect(package(nil) == nil)
    }

    @Test("subscription: SUBSCRIBE, 200 with a piggy-backed first notification, BENOTIFY, termination")
    func piggybackedSubscription() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        var subscriptions = SubscriptionTracker()
        func observe(_ lines: [String], body: String = "", fromAlice: Bool = true) -> (Subscription?, Bool) {
            let observed = conversation.observe(lines, body: body, fromAlice: fromAlice)
            return subscriptions.observe(observed.message, dialogID: dialogs.observe(observed))
        }
        let (requested, _) = observe(request("SUBSCRIBE", cseq: 1, extra: ["Event: presence", "Expires: 3600",
                                                                            "Supported: ms-piggyback-first-notify"]))
        #expect(requested?.state == .requested)
        #expect(requested?.expires == 3600)
        let (answered, _) = observe(response(200, "SUBSCRIBE", cseq: 1, toTag: "srv", extra: ["Event: presence", "Expires: 1800",
                                                                                             "Content-Type: application/msrtc-event-categories+xml"]),
                                    body: "<categories/>", fromAlice: false)
        #expect(answered?.state == .active)
        #expect(answered?.piggybackedNotify == true)
        #expect(answered?.expires == 1800)
        #expect(answered?.id == requested?.id)
        let benotify = ["BENOTIFY sip:alice@contoso.com SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKn1", "Call-ID: c1",
                        "CSeq: 2 BENOTIFY", "From: <sip:bob@contoso.com>;tag=srv", "To: <sip:alice@contoso.com>;tag=a",
                        "Event: presence", "Subscription-State: active;expires=1700"]
        let (notified, _) = observe(benotify, body: "<categories/>", fromAlice: false)
        #expect(notified?.notifyCount == 1)
        #expect(notified?.expires == 1700)
        var ending = benotify
        ending[3] = "CSeq: 3 NOTIFY"
        ending[0] = "NOTIFY sip:alice@contoso.com SIP/2.0"
        ending[7] = "Subscription-State: terminated;reason=timeout"
        let (ended, isEnded) = observe(ending, fromAlice: false)
        #expect(ended?.state == .terminated)
        #expect(ended?.reason == "timeout")
        #expect(isEnded)
    }

    @Test("NOTIFY arriving before the 200 to SUBSCRIBE still finds the subscription's dialog")
    func notifyBeforeAnswer() {
        var conversation = Conversation()
        var dialogs = DialogTracker()
        let subscribe = dialogs.observe(conversation.observe(request("SUBSCRIBE", cseq: 1, extra: ["Event: presence"])))
        let early = dialogs.observe(conversation.observe(["NOTIFY sip:alice@contoso.com SIP/2.0", "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKn",
                                                          "Call-ID: c1", "CSeq: 1 NOTIFY", "From: <sip:bob@contoso.com>;tag=srv",
                                                          "To: <sip:alice@contoso.com>;tag=a", "Event: presence"], fromAlice: false))
        let answer = dialogs.observe(conversation.observe(response(200, "SUBSCRIBE", cseq: 1, toTag: "srv"), fromAlice: false))
        #expect([subscribe, early, answer] == ["d1", "d1", "d1"])
    }
}

@Suite("Identity")
struct IdentityTests {
    @Test("users by address of record with epid, GRUU and the endpoint of their agent")
    func identities() {
        var conversation = Conversation()
        var registry = IdentityRegistry()
        registry.observe(conversation.observe(["REGISTER sip:contoso.com SIP/2.0", "Via: SIP/2.0/TLS 10.0.0.1:5060;branch=z9hG4bKr",
                                               "Call-ID: r", "CSeq: 1 REGISTER", #"From: "Alice Smith" <sip:Alice@Contoso.com>;tag=a;epid=8248ca9ebb"#,
                                               "To: <sip:alice@contoso.com>", "Contact: <sip:10.0.0.1:5060;transport=tls>"]))
        registry.observe(conversation.observe(["SIP/2.0 200 OK", "Via: SIP/2.0/TLS 10.0.0.1:5060;branch=z9hG4bKr", "Call-ID: r",
                                               "CSeq: 1 REGISTER", "From: <sip:alice@contoso.com>;tag=a;epid=8248ca9ebb",
                                               "To: <sip:alice@contoso.com>;tag=s",
                                               #"Contact: <sip:10.0.0.1:5060;transport=tls>;expires=7200;gruu="sip:alice@contoso.com;opaque=user:epid:AbC;gruu""#],
                                              fromAlice: false))
        let alice = registry.users["sip:alice@contoso.com"]
        #expect(alice?.endpointIDs == ["8248ca9ebb"])
        #expect(alice?.displayNames == ["Alice Smith"])
        #expect(alice?.gruus == ["sip:alice@contoso.com;opaque=user:epid:AbC;gruu"])
        #expect(alice?.endpoints == [Conversation.alice])
        #expect(registry.user(at: Conversation.alice)?.addressOfRecord == "sip:alice@contoso.com")
        #expect(registry.user(at: Conversation.server) == nil)
    }

    @Test("a request relayed by a proxy (two Vias) says nothing about where its sender sits")
    func relayed() {
        var conversation = Conversation()
        var registry = IdentityRegistry()
        registry.observe(conversation.observe(["MESSAGE sip:alice@contoso.com SIP/2.0", "Via: SIP/2.0/TLS 10.0.0.2;branch=z9hG4bKp",
                                               "Via: SIP/2.0/TLS 192.168.1.9;branch=z9hG4bKu", "Call-ID: m", "CSeq: 1 MESSAGE",
                                               "From: <sip:bob@contoso.com>;tag=b", "To: <sip:alice@contoso.com>"], fromAlice: false))
        #expect(registry.users["sip:bob@contoso.com"]?.endpoints.isEmpty == true)
    }

    @Test("a user no message named for an hour of capture time is forgotten; one named since is kept")
    func forgetsIdleUsers() {
        var conversation = Conversation()
        var registry = IdentityRegistry()
        registry.observe(conversation.observe(request("MESSAGE", cseq: 1)))
        let hour = Int64(IdentityRegistry.forgetAfterSeconds)
        // Bob is named again half-way; Alice only as the sender of the first message.
        registry.observe(conversation.observe(request("MESSAGE", cseq: 2, callID: "c2").map {
            $0.replacingOccurrences(of: "alice@", with: "carol@")
        }, after: hour / 2))
        registry.observe(conversation.observe(request("OPTIONS", cseq: 3, callID: "c3").map {
            $0.replacingOccurrences(of: "alice@", with: "dave@").replacingOccurrences(of: "bob@", with: "erin@")
        }, after: hour / 2 + 61))
        #expect(registry.users["sip:alice@contoso.com"] == nil)
        #expect(registry.users["sip:bob@contoso.com"] != nil)
        #expect(registry.users["sip:carol@contoso.com"] != nil)
        #expect(registry.users["sip:dave@contoso.com"]?.lastSeen == Timestamp(seconds: 1000 + 1 + hour / 2 + hour / 2 + 61, nanoseconds: 0))
    }
}
