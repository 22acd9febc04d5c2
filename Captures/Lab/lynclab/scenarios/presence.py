"""Registration, presence and contact-list scenarios between Alice's client and the FE."""
from ..dialogue import Dialogue
from ..sip import Party, request, response, token
from . import Scenario
from .cast import cast

CATEGORIES_NS = "http://schemas.microsoft.com/2006/09/sip/categories"


def categories(uri, availability, activity=None, note=None):
    state = '<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="aggregateState"><availability>%d</availability>%s</state>' % (
        availability, '<activity token="%s"/>' % activity if activity else "")
    body = '<categories xmlns="%s" uri="%s"><category name="state" instance="0" publishTime="2026-01-02T10:00:00.000">%s</category>' % (CATEGORIES_NS, uri, state)
    if note:
        body += '<category name="note" instance="0"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">%s</body></note></category>' % note
    return body + "</categories>"


def batch_sub(owner, resources, context=False):
    items = "".join('<resource uri="%s">%s</resource>' % (uri, "<context/>" if context else "") for uri in resources)
    return ('<batchSub xmlns="http://schemas.microsoft.com/2006/01/sip/batch-subscribe" uri="%s" name=""><action name="subscribe" id="%s"><adhocList>%s</adhocList>'
            '<categoryList xmlns="http://schemas.microsoft.com/2006/09/sip/categorylist"><category name="calendarData"/><category name="contactCard"/>'
            '<category name="note"/><category name="services"/><category name="state"/></categoryList></action></batchSub>') % (owner, token(owner, resources, length=8), items)


def self_request(party, method, call_id, cseq, tag, **fields):
    return request(method, party.uri, party, party, call_id, cseq, "tcp", tag, **fields)


def registration():
    parties = cast("tcp")
    alice = parties["alice"]
    talk = Dialogue(parties, "tcp")
    call_id = token("register", length=16)
    tag = token(call_id, "alice")
    contact = ('<sip:%s;transport=tcp;ms-opaque=%s>;methods="INVITE, MESSAGE, INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY";'
               'proxy=replace;+sip.instance="<urn:uuid:%s>"') % (alice.hostport, token("opaque"), token("instance", length=32))
    common = [("Contact", contact), ("Supported", "gruu-10, adhoclist, msrtc-event-categories"), ("Supported", "ms-forking"),
              ("ms-keep-alive", "UAC;hop-hop=yes"), ("Event", "registration")]
    realm = 'realm="SIP Communications Service", targetname="pool01.contoso.com", version=4'
    challenges = [("WWW-Authenticate", "NTLM %s" % realm),
                  ("WWW-Authenticate", 'Kerberos realm="SIP Communications Service", targetname="sip/pool01.contoso.com", version=4'),
                  ("WWW-Authenticate", 'TLS-DSK %s, sts-uri="https://pool01.contoso.com:443/CertProv/CertProvisioningService.svc"' % realm)]
    register = lambda cseq, extra=(): request("REGISTER", "sip:contoso.com", alice, alice, call_id, cseq, "tcp", tag,
                                              headers=common + list(extra))
    talk.with_fe("alice", register(1), 401, "Unauthorized", headers=challenges)
    opaque = token("ntlm-opaque", length=8).upper()
    talk.with_fe("alice", register(2, [("Authorization", 'NTLM qop="auth", %s, gssapi-data="TlRMTVNTUAABAAAAt4II4gAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="' % realm)]),
                 401, "Unauthorized", headers=[("WWW-Authenticate", 'NTLM opaque="%s", gssapi-data="TlRMTVNTUAACAAAAAAAAADgAAAA1goriAAAAAAAAAAA=", %s' % (opaque, realm))])
    gruu = 'gruu="%s"' % alice.gruu
    talk.with_fe("alice", register(3, [("Authorization", 'NTLM qop="auth", %s, opaque="%s", gssapi-data="TlRMTVNTUAADAAAAGAAYAEgAAAA="' % (realm, opaque))]),
                 200, "OK", headers=[("Authentication-Info", 'NTLM rspauth="01000000000000004c29e5e1", srand="E1B0C5A3", snum="1", opaque="%s", qop="auth", %s' % (opaque, realm)),
                                     ("Expires", "7200"), ("Contact", '<sip:%s;transport=tcp>;expires=7200;%s' % (alice.hostport, gruu)),
                                     ("ms-keep-alive", "UAS; tcp=no; hop-hop=yes; end-end=no; timeout=300"),
                                     ("presence-state", 'register-action="added"'),
                                     ("Allow-Events", "vnd-microsoft-provisioning,vnd-microsoft-roaming-contacts,vnd-microsoft-roaming-ACL,presence,presence.wpending,vnd-microsoft-roaming-self,vnd-microsoft-provisioning-v2"),
                                     ("Supported", "msrtc-event-categories"), ("Supported", "adhoclist")])
    provisioning_call = token("provisioning", length=16)
    ask = '<provisioningGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisioninggrouplist"><provisioningGroup name="ServerConfiguration"/><provisioningGroup name="meetingPolicy"/><provisioningGroup name="persistentChatConfiguration"/><provisioningGroup name="ucPolicy"/></provisioningGroupList>'
    answer = ('<provisionGroupList xmlns="http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification"><provisionGroup name="ServerConfiguration">'
              '<focusFactoryUri>sip:alice@contoso.com;gruu;opaque=app:conf:focusfactory</focusFactoryUri><mrasUri>sip:mras@contoso.com</mrasUri></provisionGroup>'
              '<provisionGroup name="persistentChatConfiguration"><propertyEntryList><property name="EnablePersistentChat">true</property>'
              '<property name="DefaultPersistentChatPoolUri">sip:ocschat@contoso.com</property>'
              '<property name="PersistentChatWebManagerUriInt">https://pool01.contoso.com/PersistentChat/RM/</property></propertyEntryList></provisionGroup></provisionGroupList>')
    talk.with_fe("alice", self_request(alice, "SUBSCRIBE", provisioning_call, 1, token(provisioning_call, "alice"),
                                       headers=[("Event", "vnd-microsoft-provisioning-v2"), ("Expires", "0"),
                                                ("Accept", "application/vnd-microsoft-roaming-provisioning-v2+xml"),
                                                ("Supported", "ms-piggyback-first-notify")],
                                       content_type="application/vnd-microsoft-roaming-provisioning-v2+xml", body=ask),
                 headers=[("Event", "vnd-microsoft-provisioning-v2"), ("Expires", "0")],
                 content_type="application/vnd-microsoft-roaming-provisioning-v2+xml", body=answer)
    truth = [{"kind": "registration", "variant": None, "participants": [alice.uri], "outcome": "completed",
              "authSchemes": ["NTLM", "Kerberos", "TLS-DSK"]}]
    return Scenario("tcp", parties, talk.steps, truth)


def presence_publish():
    parties = cast("tcp")
    alice = parties["alice"]
    talk = Dialogue(parties, "tcp")
    def publish(cseq, version):
        body = ('<publish xmlns="http://schemas.microsoft.com/2006/09/sip/rich-presence"><publications uri="%s">'
                '<publication categoryName="state" instance="536870912" container="2" version="%d" expireType="static">'
                '<state xmlns="http://schemas.microsoft.com/2006/09/sip/state" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" manual="true" xsi:type="userState"><availability>6500</availability><endpointLocation/></state></publication>'
                '<publication categoryName="note" instance="0" container="200" version="%d" expireType="static"><note xmlns="http://schemas.microsoft.com/2006/09/sip/note"><body type="personal" uri="">in the lab</body></note></publication>'
                '</publications></publish>') % (alice.uri, version, version)
        call = token("publish", cseq, length=16)
        return self_request(alice, "SERVICE", call, 1, token(call, "alice"), content_type="application/msrtc-category-publish+xml", body=body)
    fault = ('<Fault xmlns="http://schemas.microsoft.com/2006/09/sip/mrasp" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
             '<Faultcode>Client.BadCall.WrongDelta</Faultcode><details><operation name="publish" index="1"><failure categoryName="state" instance="536870912" container="2" curVersion="4"/></operation></details></Fault>')
    talk.with_fe("alice", publish(1, 3), 409, "Conflict", content_type="application/msrtc-fault+xml", body=fault)
    talk.with_fe("alice", publish(2, 4), 200, "OK")
    truth = [{"kind": "presence-publish", "variant": None, "participants": [alice.uri], "outcome": "completed", "availability": 6500}]
    return Scenario("tcp", parties, talk.steps, truth)


def batch_subscribe():
    parties = cast("tcp")
    alice, bob, carol = parties["alice"], parties["bob"], parties["carol"]
    talk = Dialogue(parties, "tcp")
    call_id = token("batch", length=16)
    tag, fe_tag = token(call_id, "alice"), token(call_id, "fe")
    subscribe = self_request(alice, "SUBSCRIBE", call_id, 1, tag, headers=[
        ("Contact", "<%s>" % alice.gruu), ("Event", "presence"),
        ("Accept", "application/msrtc-event-categories+xml, application/rlmi+xml, multipart/related"),
        ("Supported", "eventlist"), ("Supported", "ms-benotify"), ("Supported", "ms-piggyback-first-notify"),
        ("Proxy-Require", "ms-benotify"), ("Require", "adhoclist, categoryList"), ("Expires", "3600")],
        content_type="application/msrtc-adrl-categorylist+xml", body=batch_sub(alice.uri, [bob.uri, carol.uri, "sip:eve@fabrikam.com"]))
    boundary = "boundary-" + token(call_id, "mime", length=8)
    def multipart(version, parts):
        rlmi = ('<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="%s" version="%d" fullState="%s">' % (alice.uri, version, "true" if version == 1 else "false")
                + "".join('<resource uri="%s"><instance id="0" state="%s"%s/></resource>' % (uri, state, ' cid="%s"' % uri[4:] if state == "active" else ' poolFqdn="pool2.fabrikam.com"')
                          for uri, state, _ in parts) + "</list>")
        text = "--%s\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <resourceList>\r\n\r\n%s\r\n" % (boundary, rlmi)
        for uri, state, body in parts:
            if body:
                text += "--%s\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/msrtc-event-categories+xml\r\nContent-ID: <%s>\r\n\r\n%s\r\n" % (boundary, uri[4:], body)
        return text + "--%s--\r\n" % boundary
    content_type = 'multipart/related; type="application/rlmi+xml";start=resourceList;boundary=%s' % boundary
    first = multipart(1, [(bob.uri, "active", categories(bob.uri, 3500)), (carol.uri, "active", categories(carol.uri, 6500, "in-a-meeting")),
                          ("sip:eve@fabrikam.com", "resubscribe", None)])
    talk.with_fe("alice", subscribe, 200, "OK", to_tag=fe_tag, headers=[("Event", "presence"), ("Expires", "3600"),
                 ("Contact", "<sip:pool01.contoso.com:5060;transport=tcp>")], content_type=content_type, body=first)
    update = request("BENOTIFY", alice.gruu, parties["fe"], alice, call_id, 1, "tcp", fe_tag, to_tag=tag, epid=False,
                     to_party=alice, headers=[("Event", "presence"), ("Subscription-State", "active;expires=3600")],
                     content_type=content_type, body=multipart(2, [(bob.uri, "active", categories(bob.uri, 15500, "away", "back at 3"))]))
    update.replace("From", "<%s>;tag=%s" % (alice.uri, fe_tag))
    talk.direct("fe", "alice", update)
    truth = [{"kind": "presence-subscribe", "variant": None, "participants": [alice.uri, bob.uri, carol.uri, "sip:eve@fabrikam.com"],
              "outcome": "completed"}]
    return Scenario("tcp", parties, talk.steps, truth)


def add_contact_internal():
    parties = cast("tcp")
    alice, bob = parties["alice"], parties["bob"]
    talk = Dialogue(parties, "tcp")
    soap = ('<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
            '<m:setContact xmlns:m="http://schemas.microsoft.com/winrtc/2002/11/sip"><m:displayName>Bob Jones</m:displayName>'
            '<m:groups>1</m:groups><m:subscribed>true</m:subscribed><m:URI>%s</m:URI><m:externalURI/><m:deltaNum>42</m:deltaNum>'
            '</m:setContact></SOAP-ENV:Body></SOAP-ENV:Envelope>') % bob.uri
    call = token("setcontact", length=16)
    talk.with_fe("alice", self_request(alice, "SERVICE", call, 1, token(call, "alice"), content_type="application/SOAP+xml", body=soap))
    roaming = token("roaming-contacts", length=16)
    delta = ('<contactDelta xmlns="http://schemas.microsoft.com/2006/09/sip/roaming-contacts" deltaNum="43">'
             '<addedContact uri="%s" name="Bob Jones" groups="1" subscribed="true"/></contactDelta>') % bob.uri
    notify = request("BENOTIFY", alice.gruu, parties["fe"], alice, roaming, 2, "tcp", token(roaming, "fe"), to_tag=token(roaming, "alice"),
                     epid=False, headers=[("Event", "vnd-microsoft-roaming-contacts"), ("Subscription-State", "active;expires=3600")],
                     content_type="application/vnd-microsoft-roaming-contacts+xml", body=delta)
    notify.replace("From", "<%s>;tag=%s" % (alice.uri, token(roaming, "fe")))
    talk.direct("fe", "alice", notify)
    presence = token("add-contact-presence", length=16)
    subscribe = self_request(alice, "SUBSCRIBE", presence, 1, token(presence, "alice"), headers=[
        ("Contact", "<%s>" % alice.gruu), ("Event", "presence"), ("Accept", "application/msrtc-event-categories+xml, application/rlmi+xml, multipart/related"),
        ("Supported", "ms-piggyback-first-notify"), ("Require", "adhoclist, categoryList"), ("Expires", "3600")],
        content_type="application/msrtc-adrl-categorylist+xml", body=batch_sub(alice.uri, [bob.uri], context=True))
    talk.with_fe("alice", subscribe, 200, "OK", headers=[("Event", "presence"), ("Expires", "3600")],
                 content_type="application/msrtc-event-categories+xml", body=categories(bob.uri, 3500))
    members = ('<setContainerMembers xmlns="http://schemas.microsoft.com/2006/09/sip/container-management">'
               '<container id="200" version="5"><member action="add" type="user" value="bob@contoso.com"/></container></setContainerMembers>')
    acl = token("acl", length=16)
    talk.with_fe("alice", self_request(alice, "SERVICE", acl, 1, token(acl, "alice"), content_type="application/msrtc-setcontainermembers+xml", body=members))
    truth = [{"kind": "add-contact", "variant": "internal", "participants": [alice.uri, bob.uri], "outcome": "completed"}]
    return Scenario("tcp", parties, talk.steps, truth)


def add_contact_federated():
    """As in the public IM connectivity trace: SUBSCRIBE → 403, batchSub SUBSCRIBE, NOTIFY offline, NOTIFY online."""
    parties = cast("tcp")
    alice = parties["alice"]
    kim = Party("sip:kim@aol.com", "", "127.0.0.30", 5060)
    talk = Dialogue(parties, "tcp")
    first = token("federated-1", length=16)
    probe = request("SUBSCRIBE", kim.uri, alice, kim, first, 1, "tcp", token(first, "alice"),
                    headers=[("Event", "presence"), ("Accept", "application/msrtc-event-categories+xml, application/pidf+xml")])
    talk.with_fe("alice", probe, 403, "Forbidden", to_tag="C122BE2A56CD774DA0AC6DEC165DB900", headers=[
        ("ms-diagnostics", '2007;reason="Rich presence is not available for this user";HRESULT="C3E93D80(SIPPROXY_E_EPROUTING_MSG_INT_GET_RICH_PRESENCE_FILTERED)";source="edge.contoso.com"')])
    second = token("federated-2", length=16)
    tag = token(second, "alice")
    subscribe = request("SUBSCRIBE", kim.uri, alice, kim, second, 1, "tcp", tag, headers=[
        ("Contact", "<%s>" % alice.gruu), ("Event", "presence"), ("Supported", "com.microsoft.autoextend"), ("Supported", "ms-piggyback-first-notify"),
        ("Accept", "application/msrtc-event-categories+xml, application/xpidf+xml, text/xml+msrtc.pidf, application/pidf+xml, application/rlmi+xml, multipart/related")],
        content_type="application/msrtc-adrl-categorylist+xml", body=batch_sub(alice.uri, [kim.uri], context=True))
    kim_tag = "65d68a1bc4"
    talk.with_fe("alice", subscribe, 200, "OK", to_tag=kim_tag, headers=[("Event", "presence"), ("Expires", "3600")])
    for cseq, basic in ((1, "closed"), (2, "open")):
        pidf = '<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="%s"><tuple id="1"><status><basic>%s</basic></status></tuple></presence>' % (kim.uri, basic)
        notify = request("NOTIFY", alice.gruu, kim, alice, second, cseq, "tcp", kim_tag, to_tag=tag, epid=False, via=parties["fe"].hostport,
                         headers=[("Event", "presence"), ("Subscription-State", "active;expires=3600")], content_type="application/pidf+xml", body=pidf)
        talk.direct("fe", "alice", notify)
        talk.direct("alice", "fe", response(notify, 200, "OK"))
    truth = [{"kind": "add-contact", "variant": "federated", "participants": [alice.uri, kim.uri], "outcome": "completed",
              "presence": ["closed", "open"]}]
    return Scenario("tcp", parties, talk.steps, truth)
