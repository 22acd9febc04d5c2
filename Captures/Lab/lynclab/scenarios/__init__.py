"""One module per scenario; each defines scenario() returning a Scenario."""


class Scenario:
    """Participants (role → Party), the transport, the ordered steps
    (sender role, receiver role, Message) and the ground-truth scenarios."""

    def __init__(self, transport, parties, steps, truth, tls_name="pool01.contoso.com"):
        self.transport, self.parties, self.steps, self.truth = transport, parties, steps, truth
        self.tls_name = tls_name
