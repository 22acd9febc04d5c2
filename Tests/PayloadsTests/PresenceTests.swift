@testable import Payloads
import Testing

@Suite("Presence payloads")
struct PresenceTests {
    @Test("availability numbers map to Lync's named bands", arguments: [
        (3500, "Available"), (4500, "Available-Idle"), (6500, "Busy"), (7500, "Busy-Idle"), (9500, "Do Not Disturb"),
        (12500, "Be Right Back"), (15500, "Away"), (18500, "Offline"), (0, "Available"),
    ])
    func bands(value: Int, band: String) {
        #expect(Availability(value).band == band)
    }

    @Test("categories: state with availability and activity, note, contact card")
    func categories() throws {
        let body = """
            <categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:bob@contoso.com">
             <category name="state" instance="0" publishTime="2015-03-02T10:11:12.370"><state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState"><availability>6500</availability><activity token="in-a-meeting"/></state></category>
             <category name="note" instance="0"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">in the lab</body></note></category>
             <category name="contactCard" instance="0"><contactCard xmlns="http://schemas.microsoft.com/2006/09/sip/contactcard"><identity><name><displayName>Bob Jones</displayName></name></identity></contactCard></category>
            </categories>
            """
        guard case .presence(let presence)? = decode(body, "application/msrtc-event-categories+xml").payload else {
            Issue.record("not presence"); return
        }
        #expect(presence.uri == "sip:bob@contoso.com")
        #expect(presence.availability == Availability(6500))
        #expect(presence.categories.first?.stateType == "aggregateState")
        #expect(presence.categories.first?.activity == "in-a-meeting")
        #expect(presence.summary == #"presence of sip:bob@contoso.com, Busy (6500), activity in-a-meeting, note "in the lab", name "Bob Jones", categories: state, note, contactCard"#)
    }

    @Test("PIDF: basic status and notes; OCS 2005 presentity availability")
    func pidf() {
        let body = #"<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:carol@fabrikam.com"><tuple id="t1"><status><basic>open</basic></status><note>at desk</note></tuple></presence>"#
        guard case .pidf(let document)? = decode(body, "application/pidf+xml").payload else { Issue.record("not pidf"); return }
        #expect(document.entity == "sip:carol@fabrikam.com")
        #expect(document.tuples.first?.basic == "open")
        #expect(document.summary == #"presence of sip:carol@fabrikam.com, open, note "at desk""#)
        let legacy = #"<presentity uri="sip:dan@contoso.com" xmlns="http://schemas.microsoft.com/2002/09/sip/presence"><availability aggregate="300" epid="abc"/></presentity>"#
        guard case .pidf(let old)? = decode(legacy, "text/xml+msrtc.pidf").payload else { Issue.record("not legacy pidf"); return }
        #expect(old.availability?.value == 300)
    }

    @Test("batch subscribe: resources and categories")
    func batchSubscribe() {
        let body = """
            <batchSub xmlns="http://schemas.microsoft.com/2006/01/sip/batch-subscribe" uri="sip:alice@contoso.com" name="">
             <action name="subscribe" id="63792024"><adhocList><resource uri="sip:bob@contoso.com"/><resource uri="sip:carol@contoso.com"><context/></resource></adhocList>
              <categoryList xmlns="http://schemas.microsoft.com/2006/09/sip/categorylist"><category name="contactCard"/><category name="state"/></categoryList></action></batchSub>
            """
        guard case .batchSubscribe(let batch)? = decode(body, "application/msrtc-adrl-categorylist+xml").payload else {
            Issue.record("not batchSub"); return
        }
        #expect(batch.resources == ["sip:bob@contoso.com", "sip:carol@contoso.com"])
        #expect(batch.categories == ["contactCard", "state"])
        #expect(batch.summary == "subscribe 2 resources (sip:bob@contoso.com, sip:carol@contoso.com) for contactCard, state")
    }

    @Test("multipart/related RLMI notification: the list and each contact's categories")
    func multipartRLMI() throws {
        let body = """
            --boundary42\r
            Content-Type: application/rlmi+xml\r
            Content-ID: resourceList\r
            \r
            <list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:alice@contoso.com" version="1" fullState="true"><resource uri="sip:bob@contoso.com"><instance id="0" state="active" cid="bob@contoso.com"/></resource><resource uri="sip:eve@fabrikam.com"><instance id="0" state="resubscribe" poolFqdn="pool2.fabrikam.com"/></resource></list>\r
            --boundary42\r
            Content-Type: application/msrtc-event-categories+xml\r
            Content-ID: bob@contoso.com\r
            \r
            <categories xmlns="http://schemas.microsoft.com/2006/09/sip/categories" uri="sip:bob@contoso.com"><category name="state"><state><availability>3500</availability></state></category></categories>\r
            --boundary42--\r

            """
        let result = decode(body, #"multipart/related; type="application/rlmi+xml"; start=resourceList; boundary=boundary42"#)
        #expect(result.problems.isEmpty)
        guard case .multipart(let subtype, let parts)? = result.payload else { Issue.record("not multipart"); return }
        #expect(subtype == "related")
        #expect(parts.map(\.contentID) == ["resourceList", "bob@contoso.com"])
        guard case .rlmi(let list) = parts[0].payload, case .presence(let bob) = parts[1].payload else {
            Issue.record("wrong parts"); return
        }
        #expect(list.resources.count == 2)
        #expect(list.resubscribeURIs == ["sip:eve@fabrikam.com"])
        #expect(list.resources[1].poolFQDN == "pool2.fabrikam.com")
        #expect(bob.availability?.band == "Available")
    }

    @Test("category publish and the 409 WrongDelta fault")
    func publishAndFault() {
        let publish = """
            <publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="sip:alice@contoso.com">
             <publication categoryName="state" instance="536870912" container="2" version="3" expireType="static"><state xmlns="http://schemas.microsoft.com/2006/09/sip/state" manual="true"><availability>6500</availability></state></publication>
             <publication categoryName="note" instance="0" container="200" version="2" expireType="static"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">in the lab</body></note></publication>
            </publications></publish>
            """
        guard case .categoryPublish(let publication)? = decode(publish, "application/msrtc-category-publish+xml").payload else {
            Issue.record("not publish"); return
        }
        #expect(publication.publications.map(\.version) == ["3", "2"])
        #expect(publication.summary == #"publish state@2, note@200, Busy (6500), note "in the lab""#)
        let fault = #"<Fault xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp"><Faultcode>Client.BadCall.WrongDelta</Faultcode><details><operation name="publish" index="1"><failure categoryName="state" instance="536870912" container="2" curVersion="4"/></operation></details></Fault>"#
        guard case .fault(let decoded)? = decode(fault, "application/msrtc-fault+xml").payload else { Issue.record("not fault"); return }
        #expect(decoded.code == "Client.BadCall.WrongDelta")
        #expect(decoded.operations.first?.currentVersion == "4")
    }

    @Test("setContainerMembers lists each membership change")
    func containerMembers() {
        let body = #"<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management"><container id="200" version="5"><member action="add" type="user" value="bob@contoso.com"/></container></setContainerMembers>"#
        guard case .containerMembers(let members)? = decode(body, "application/msrtc-setcontainermembers+xml").payload else {
            Issue.record("not container members"); return
        }
        #expect(members.changes == [.init(container: "200", action: "add", type: "user", value: "bob@contoso.com")])
    }

    @Test("hostile bodies: a bomb in presence, a multipart without its boundary, nesting too deep")
    func hostile() {
        let bomb = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><categories>&a;</categories>"
        #expect(decode(bomb, "application/msrtc-event-categories+xml").problems.map(\.code) == ["xml_doctype_refused"])
        #expect(decode("no parts here", "multipart/related; boundary=zz").problems.map(\.code) == ["multipart_malformed"])
        var nested = "leaf"
        for level in 0..<6 {
            nested = "--b\(level)\r\nContent-Type: multipart/mixed; boundary=b\(level - 1)\r\n\r\n\(nested)\r\n--b\(level)--\r\n"
        }
        let result = decode(nested, "multipart/mixed; boundary=b5")
        #expect(result.problems.contains { $0.code == "multipart_too_deep" || $0.code == "multipart_malformed" })
    }
}
