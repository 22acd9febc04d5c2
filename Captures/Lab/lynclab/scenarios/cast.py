"""The people and servers of the lab, each on its own loopback address."""
from ..sip import Party


def cast(transport="tcp", ipv6=False):
    port = 5061 if transport == "tls" else 5060
    def host(last, v6_port_offset):
        return ("::1", port + v6_port_offset) if ipv6 else ("127.0.0.%d" % last, port)
    people = {
        "fe": ("sip:pool01.contoso.com", "", 10, 0),
        "alice": ("sip:alice@contoso.com", "Alice Smith", 11, 100),
        "bob": ("sip:bob@contoso.com", "Bob Jones", 12, 200),
        "carol": ("sip:carol@contoso.com", "Carol Wu", 13, 300),
        "chat": ("sip:ocschat@contoso.com", "", 20, 400),
    }
    parties = {}
    for role, (uri, name, last, offset) in people.items():
        address, number = host(last, offset)
        parties[role] = Party(uri, name, address, number, epid=None if role in ("fe", "chat") else None)
    parties["fe"].epid = None
    parties["chat"].epid = None
    return parties
