"""Runs a scenario: one process per participant, stepped in the scenario's order so the
capture holds the messages exactly as written, then writes the ground truth.
Usage: python3 -m lynclab.conductor SCENARIO [--truth FILE] [--keylog FILE]"""
import argparse
import importlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def conduct(module, keylog=None):
    scenario = importlib.import_module("lynclab.scenarios." + module).scenario()
    processes = {}
    for role in scenario.parties:
        if not any(role in (sender, receiver) for sender, receiver, _ in scenario.steps):
            continue
        arguments = [sys.executable, "-m", "lynclab.role", module, role] + ([keylog] if keylog else [])
        processes[role] = subprocess.Popen(arguments, cwd=HERE, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for process in processes.values():
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a participant did not start")
        for index, (sender, receiver, _) in enumerate(scenario.steps):
            # The receiver waits first, so a TCP/TLS connection can be accepted while it listens.
            processes[receiver].stdin.write("recv %d\n" % index)
            processes[receiver].stdin.flush()
            processes[sender].stdin.write("send %d\n" % index)
            processes[sender].stdin.flush()
            for role in (sender, receiver):
                answer = processes[role].stdout.readline().strip()
                if answer != "ok %d" % index:
                    raise RuntimeError("step %d: %s answered %r" % (index, role, answer))
    finally:
        for process in processes.values():
            try:
                process.stdin.write("quit\n")
                process.stdin.close()
            except (BrokenPipeError, ValueError):
                pass
        for process in processes.values():
            process.wait(timeout=10)
    return scenario


def truth(scenario):
    """Ground truth: every SIP message in order, and the scenarios it contains."""
    messages = []
    for sender, receiver, message in scenario.steps:
        status = message.start_line.split(" ")[1] if message.start_line.startswith("SIP/2.0") else None
        messages.append({
            "from": sender, "to": receiver,
            "method": None if status else message.start_line.split(" ")[0],
            "status": int(status) if status else None,
            "callId": message.header("Call-ID"), "cseq": message.header("CSeq"),
            "contentType": message.header("Content-Type"),
        })
    return {"transport": scenario.transport, "messages": messages, "scenarios": scenario.truth}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario")
    parser.add_argument("--truth")
    parser.add_argument("--keylog")
    options = parser.parse_args()
    scenario = conduct(options.scenario, options.keylog)
    if options.truth:
        with open(options.truth, "w") as output:
            json.dump(truth(scenario), output, indent=1, sort_keys=True)
            output.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
