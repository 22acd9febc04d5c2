#!/usr/bin/env python3
"""Ground-truth files for the captures not made by lynclab, from what their generators
sent — never from sipladder's own reading:
  truth.py sipp OUT.json LOG...     SIPp's -trace_msg logs: every "message sent", by time
  truth.py raw OUT.json TRANSPORT RAW   a file of sent messages separated by NUL bytes
Either may end with `--scenario KIND:OUTCOME`… naming what the generator staged.
"""
import json
import re
import sys


def fields(text):
    lines = text.replace("\r\n", "\n").split("\n")
    start = lines[0].strip()
    headers = {}
    for line in lines[1:]:
        if not line.strip():
            break
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), re.sub(r"\s+", " ", value.strip()))
    status = start.split(" ")[1] if start.startswith("SIP/2.0") else None
    return {"method": None if status else start.split(" ")[0], "status": int(status) if status else None,
            "callId": headers.get("call-id") or headers.get("i"), "cseq": headers.get("cseq"),
            "contentType": headers.get("content-type") or headers.get("c")}


def sipp(logs):
    """(transport, messages) from SIPp's logs."""
    sent, transport = [], "udp"
    for path in logs:
        text = open(path, errors="replace").read()
        for block in re.split(r"^-{20,} ", text, flags=re.M)[1:]:
            stamp, kind, message = block.split("\n", 2)
            if " message sent" in kind:
                transport = kind.split(" ")[0].lower()
                sent.append((stamp.strip(), fields(message.lstrip("\n"))))
    return transport, [entry for _, entry in sorted(sent, key=lambda pair: pair[0])]


def main():
    arguments = sys.argv[1:]
    scenarios = []
    while "--scenario" in arguments:
        index = arguments.index("--scenario")
        kind, outcome = arguments[index + 1].split(":")
        scenarios.append({"kind": kind, "variant": None, "outcome": outcome})
        del arguments[index:index + 2]
    sys.argv = [sys.argv[0]] + arguments
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "sipp":
        transport, messages = sipp(sys.argv[3:])
    else:
        transport = sys.argv[3]
        raw = open(sys.argv[4], "rb").read().decode("utf-8", "replace")
        messages = [fields(chunk) for chunk in raw.split("\x00") if chunk.strip()]
    with open(out, "w") as output:
        # SIPp's two processes log with their own clocks: their order is not the wire's.
        document = {"transport": transport, "messages": messages, "scenarios": scenarios}
        if mode == "sipp":
            document["ordered"] = False
        json.dump(document, output, indent=1, sort_keys=True)
        output.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
