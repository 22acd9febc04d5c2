@testable import Payloads
import Testing

@Suite("Contacts, SOAP, provisioning, authentication, diagnostics")
struct ContactsAndRegistrationTests {
    @Test("contact delta: added contact and group with deltaNum")
    func contactDelta() {
        let body = #"<contactDelta xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-contacts" deltaNum="43"><addedGroup id="3" name="Partners"/><addedContact uri="sip:bob@contoso.com" name="Bob" groups="1 3" subscribed="true"/></contactDelta>"#
        guard case .contacts(let delta)? = decode(body, "application/vnd-microsoft-roaming-contacts+xml").payload else {
            Issue.record("not contacts"); return
        }
        #expect(delta.form == .delta)
        #expect(delta.contacts == [.init(change: "added", uri: "sip:bob@contoso.com", name: "Bob", groups: ["1", "3"], subscribed: true)])
        #expect(delta.groups == [.init(change: "added", id: "3", name: "Partners")])
        #expect(delta.summary == "contact changes: added contact sip:bob@contoso.com, added group Partners, deltaNum 43")
    }

    @Test("full contact list with ucsmode")
    func contactList() {
        let body = #"<contactList deltaNum="42" ucsmode="migrated"><group id="1" name="~"/><contact uri="sip:bob@contoso.com" groups="1"/><contact uri="sip:carol@contoso.com" groups="1"/></contactList>"#
        guard case .contacts(let list)? = decode(body, "application/vnd-microsoft-roaming-contacts+xml").payload else {
            Issue.record("not contacts"); return
        }
        #expect(list.summary == "contact list: 2 contacts in 1 groups, deltaNum 42, ucsmode migrated")
    }

    @Test("SOAP setContact over SERVICE: operation and fields")
    func setContact() {
        let body = #"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><m:setContact xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><m:displayName>Bob</m:displayName><m:groups>1</m:groups><m:subscribed>true</m:subscribed><m:URI>sip:bob@contoso.com</m:URI><m:externalURI/><m:deltaNum>43</m:deltaNum></m:setContact></SOAP-ENV:Body></SOAP-ENV:Envelope>"#
        guard case .soap(let call)? = decode(body, "application/SOAP+xml").payload else { Issue.record("not soap"); return }
        #expect(call.operation == "setContact")
        #expect(call.fields["URI"] == "sip:bob@contoso.com")
        #expect(call.summary == #"setContact sip:bob@contoso.com "Bob" groups 1 deltaNum 43"#)
    }

    @Test("provisioning request and answer with the persistent chat pool")
    func provisioning() {
        let request = #"<provisioningGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist"><provisioningGroup name="ServerConfiguration"/><provisioningGroup name="persistentChatConfiguration"/></provisioningGroupList>"#
        guard case .provisioning(let asked)? = decode(request, "application/vnd-microsoft-roaming-provisioning-v2+xml").payload else {
            Issue.record("not provisioning"); return
        }
        #expect(asked.isRequest)
        #expect(asked.summary == "provisioning request for ServerConfiguration, persistentChatConfiguration")
        let answer = #"<provisionGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"><provisionGroup name="persistentChatConfiguration"><propertyEntryList><property name="EnablePersistentChat">true</property><property name="DefaultPersistentChatPoolUri">sip:pchat@contoso.com</property><property name="PersistentChatWebManagerUriInt">https://pool01.contoso.com/PersistentChat/RM/</property></propertyEntryList></provisionGroup></provisionGroupList>"#
        guard case .provisioning(let given)? = decode(answer, "application/vnd-microsoft-roaming-provisioning-v2+xml").payload else {
            Issue.record("not provisioning"); return
        }
        #expect(given.persistentChatPoolURI == "sip:pchat@contoso.com")
        #expect(given.persistentChatWebManagerURI == "https://pool01.contoso.com/PersistentChat/RM/")
    }

    @Test("401 challenges name each scheme with realm, targetname, version, sts-uri; tokens withheld")
    func challenges() {
        let response = message([
            "SIP/2.0 401 Unauthorized", "Call-ID: r1", "CSeq: 1 REGISTER", "From: <sip:alice@contoso.com>;tag=a", "To: <sip:alice@contoso.com>;tag=s",
            #"WWW-Authenticate: NTLM realm="SIP Communications Service", targetname="fe01.contoso.com", version=4"#,
            #"WWW-Authenticate: Kerberos realm="SIP Communications Service", targetname="sip/fe01.contoso.com", version=4"#,
            #"WWW-Authenticate: TLS-DSK realm="SIP Communications Service", targetname="fe01.contoso.com", version=4, sts-uri="https://fe01.contoso.com:443/CertProv/CertProvisioningService.svc""#,
            #"Authentication-Info: NTLM rspauth="0100", srand="3A", snum="1", opaque="ABC", qop="auth""#,
        ])
        let decoding = MessageDecoding(response)
        let schemes = decoding.authentication.filter { $0.header == "WWW-Authenticate" }
        #expect(schemes.map(\.scheme) == ["NTLM", "Kerberos", "TLS-DSK"])
        #expect(schemes[1].targetName == "sip/fe01.contoso.com")
        #expect(schemes[2].stsURI == "https://fe01.contoso.com:443/CertProv/CertProvisioningService.svc")
        #expect(schemes[0].realm == "SIP Communications Service")
        let info = decoding.authentication.first { $0.header == "Authentication-Info" }
        #expect(info?.parameters["opaque"] == "ABC")
        #expect(info?.parameters["rspauth"] == nil)
    }

    @Test("ms-diagnostics in any parameter order, with the id explained")
    func msDiagnostics() {
        let response = message([
            "SIP/2.0 504 Server time-out", "Call-ID: f1", "CSeq: 1 INVITE", "From: <sip:alice@contoso.com>;tag=a", "To: <sip:bob@fabrikam.com>;tag=b",
            #"ms-diagnostics: 1010;reason="Certificate trust with another server could not be established";ErrorType="The peer certificate does not contain a matching FQDN";HRESULT="0x80090322(SEC_E_WRONG_PRINCIPAL)";source="sip.skype.lab""#,
            #"ms-diagnostics-public: 4005.2;reason="Destination URI either not enabled for SIP or does not exist""#,
        ])
        let diagnostics = MessageDecoding(response).diagnostics
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0].id == 1010)
        #expect(diagnostics[0].source == "sip.skype.lab")
        #expect(diagnostics[0].parameters["HRESULT"] == "0x80090322(SEC_E_WRONG_PRINCIPAL)")
        #expect(diagnostics[0].explanation == "Certificate trust with next-hop server could not be established")
        #expect(diagnostics[1].header == "ms-diagnostics-public")
        #expect(diagnostics[1].subCode == 2)
        #expect(MicrosoftDiagnostic(header: "ms-diagnostics", value: "garbage").id == nil)
    }
}
