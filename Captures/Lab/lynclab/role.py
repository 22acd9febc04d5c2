"""One participant of a scenario, as its own process: it sends and receives the
scenario's messages when the conductor says so, over UDP, TCP or TLS sockets bound to
its own loopback address. Usage: python3 -m lynclab.role SCENARIO ROLE [KEYLOG]"""
import importlib
import os
import select
import socket
import ssl
import sys
import time

TIMEOUT = 5.0
LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class Endpoint:
    def __init__(self, scenario, role, keylog):
        self.scenario, self.role = scenario, role
        self.me = scenario.parties[role]
        self.transport = scenario.transport
        self.connections = {}      # peer role -> socket
        self.buffers = {}          # socket -> bytes
        self.pending = []          # accepted sockets not yet tied to a peer
        if self.transport == "udp":
            self.udp = socket.socket(family(self.me.host), socket.SOCK_DGRAM)
            self.udp.bind((self.me.host, self.me.port))
        else:
            self.listener = socket.socket(family(self.me.host), socket.SOCK_STREAM)
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.listener.bind((self.me.host, self.me.port))
            self.listener.listen(8)
        if self.transport == "tls":
            self.server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.server_context.load_cert_chain(os.environ["LAB_CERT"], os.environ["LAB_KEY"])
            self.client_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            self.client_context.check_hostname = False
            self.client_context.verify_mode = ssl.CERT_NONE
            if keylog:
                self.client_context.keylog_filename = keylog

    def send(self, peer_role, data):
        peer = self.scenario.parties[peer_role]
        if self.transport == "udp":
            self.udp.sendto(data, (peer.host, peer.port))
            return
        connection = self.connections.get(peer_role)
        if connection is None:
            connection = socket.socket(family(self.me.host), socket.SOCK_STREAM)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection.settimeout(TIMEOUT)
            connection.bind((self.me.host, 0))
            connection.connect((peer.host, peer.port))
            if self.transport == "tls":
                connection = self.client_context.wrap_socket(connection, server_hostname=self.scenario.tls_name)
            self.connections[peer_role] = connection
            self.buffers[connection] = b""
        connection.sendall(data)

    def receive(self, peer_role):
        """Waits for one whole SIP message; ties the connection it came on to `peer_role`."""
        deadline = time.time() + TIMEOUT
        if self.transport == "udp":
            self.udp.settimeout(TIMEOUT)
            data, _ = self.udp.recvfrom(65535)
            return data
        while time.time() < deadline:
            for connection, buffer in list(self.buffers.items()):
                message, rest = split_message(buffer)
                if message:
                    self.buffers[connection] = rest
                    self.connections.setdefault(peer_role, connection)
                    return message
            readable, _, _ = select.select([self.listener] + list(self.buffers), [], [], 0.2)
            for ready in readable:
                if ready is self.listener:
                    accepted, _ = self.listener.accept()
                    accepted.settimeout(TIMEOUT)
                    if self.transport == "tls":
                        accepted = self.server_context.wrap_socket(accepted, server_side=True)
                    self.buffers[accepted] = b""
                else:
                    chunk = ready.recv(65536)
                    if not chunk:
                        del self.buffers[ready]
                    else:
                        self.buffers[ready] += chunk
        raise TimeoutError("%s: nothing from %s" % (self.role, peer_role))

    def close(self):
        for connection in self.buffers:
            try:
                connection.close()
            except OSError:
                pass


def split_message(buffer):
    """(message, rest) when `buffer` starts with a whole SIP message, else (None, buffer)."""
    buffer = buffer.lstrip(b"\r\n")
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None, buffer
    length = 0
    for line in buffer[:end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() in (b"content-length", b"l"):
            length = int(value.strip())
    total = end + 4 + length
    if len(buffer) < total:
        return None, buffer
    return buffer[:total], buffer[total:]


def main():
    module, role = sys.argv[1], sys.argv[2]
    keylog = sys.argv[3] if len(sys.argv) > 3 else None
    scenario = importlib.import_module("lynclab.scenarios." + module).scenario()
    endpoint = Endpoint(scenario, role, keylog)
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.split()
        if not command or command[0] == "quit":
            break
        index = int(command[1])
        sender, receiver, message = scenario.steps[index]
        if command[0] == "send":
            endpoint.send(receiver, message.bytes())
        else:
            got = endpoint.receive(sender)
            if got.split(b"\r\n", 1)[0] != message.bytes().split(b"\r\n", 1)[0]:
                raise RuntimeError("%s expected %r, got %r" % (role, message.start_line, got[:60]))
        print("ok %d" % index, flush=True)
    time.sleep(0.2)
    endpoint.close()


if __name__ == "__main__":
    main()
