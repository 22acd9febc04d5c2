"""Writes the steps of a scenario where clients talk through the front end (FE): each
request and response is listed once from its sender to the FE and once relayed by the FE
to its receiver, as a capture on the FE host would see them."""
from .sip import request, response, relayed, token


class Dialogue:
    def __init__(self, parties, transport, fe="fe"):
        self.parties, self.transport, self.fe = parties, transport, fe
        self.steps = []
        self.fe_hostport = parties[fe].hostport
        # Role names used by a builder, mapped to the cast's roles (an IM written for
        # "alice" and "bob" can run between Carol and Bob).
        self.rename = {}

    def _role(self, name):
        return self.rename.get(name, name)

    def _append(self, sender, receiver, message):
        self.steps.append((self._role(sender), self._role(receiver), message))

    def direct(self, sender, receiver, message):
        """A message between a client and the FE itself."""
        self._append(sender, receiver, message)
        return message

    def request(self, sender, receiver, message):
        """A request from `sender` relayed by the FE to `receiver`; returns the relayed copy."""
        self._append(sender, self.fe, message)
        forwarded = relayed(message, self.fe_hostport, self.transport)
        self._append(self.fe, receiver, forwarded)
        return forwarded

    def respond(self, responder, requester, forwarded, status, reason, to_tag=None, **fields):
        """`responder` answers the relayed request; the FE relays the answer back."""
        answer = response(forwarded, status, reason, to_tag=to_tag, **fields)
        self._append(responder, self.fe, answer)
        self._append(self.fe, requester, relayed(answer, self.fe_hostport, self.transport))
        return answer

    def transaction(self, sender, receiver, message, status=200, reason="OK", to_tag=None, **fields):
        """A whole relayed transaction: request there, answer back."""
        forwarded = self.request(sender, receiver, message)
        return self.respond(receiver, sender, forwarded, status, reason, to_tag, **fields)

    def with_fe(self, client, message, status=200, reason="OK", to_tag=None, provisional=None, **fields):
        """A transaction between a client and the FE itself (REGISTER, SERVICE, SUBSCRIBE to self)."""
        self.direct(client, self.fe, message)
        if provisional:
            self.direct(self.fe, client, response(message, provisional[0], provisional[1]))
        answer = response(message, status, reason, to_tag=to_tag or token(message.header("Call-ID"), "fe"), **fields)
        self.direct(self.fe, client, answer)
        return answer
