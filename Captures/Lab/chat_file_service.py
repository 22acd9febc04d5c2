#!/usr/bin/env python3
"""Plays the Persistent Chat file web service (/PersistentChat/MGCWebService.asmx) on
loopback, over HTTP or HTTPS: the SOAP 1.1 operations a Lync 2013 client calls to post
a file into a room (RequestUniqueFilenameWithExtension, GetMaxFileSizeInKB,
GetMaxRequestContentInKB, AppendChunk) and to fetch one (GetFileSize, DownloadChunk).
Element names follow the protocol notes, section 2. Serves a bounded number of requests,
then exits."""
import argparse
import base64
import http.server
import re
import ssl
import sys

NS = "http://www.microsoft.com"
# A file already posted to the room, for download-only runs.
STORED = {"a912898f-cf23-476b-a644-0c541d7cfdcf.txt": b"a" * 6000 + b"b" * 2000}


def envelope(body):
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            + body + '</s:Body></s:Envelope>').encode()


def field(xml, name):
    match = re.search(r"<%s>(.*?)</%s>" % (name, name), xml, re.S)
    return match.group(1) if match else ""


class Service(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Microsoft-IIS/8.5"
    sys_version = ""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        xml = self.rfile.read(min(length, 16 << 20)).decode("utf-8", "replace")
        action = self.headers.get("SOAPAction", "").strip('"').rsplit("/", 1)[-1]
        if self.path != "/PersistentChat/MGCWebService.asmx":
            return self.reply(404, b"")
        if action == "RequestUniqueFilenameWithExtension":
            name = "a912898f-cf23-476b-a644-0c541d7cfdcf" + field(xml, "extension")
            body = '<RequestUniqueFilenameWithExtensionResponse xmlns="%s"><RequestUniqueFilenameWithExtensionResult>%s</RequestUniqueFilenameWithExtensionResult></RequestUniqueFilenameWithExtensionResponse>' % (NS, name)
        elif action == "GetMaxFileSizeInKB":
            body = '<GetMaxFileSizeInKBResponse xmlns="%s"><GetMaxFileSizeInKBResult>20480</GetMaxFileSizeInKBResult></GetMaxFileSizeInKBResponse>' % NS
        elif action == "GetMaxRequestContentInKB":
            body = '<GetMaxRequestContentInKBResponse xmlns="%s"><GetMaxRequestContentInKBResult>32</GetMaxRequestContentInKBResult></GetMaxRequestContentInKBResponse>' % NS
        elif action == "AppendChunk":
            name = field(xml, "uniqueFilename")
            previous = STORED.get(name, b"") if field(xml, "offset") != "0" else b""
            STORED[name] = previous + base64.b64decode(field(xml, "fileChunk"))
            body = '<AppendChunkResponse xmlns="%s"><AppendChunkResult>true</AppendChunkResult></AppendChunkResponse>' % NS
        elif action == "GetFileSize":
            body = '<GetFileSizeResponse xmlns="%s"><GetFileSizeResult>%d</GetFileSizeResult></GetFileSizeResponse>' % (NS, len(STORED.get(field(xml, "reposFileName"), b"")))
        elif action == "DownloadChunk":
            data = STORED.get(field(xml, "reposFileName"), b"")
            offset, size = int(field(xml, "offset") or 0), int(field(xml, "bufferSize") or 0)
            chunk = base64.b64encode(data[offset:offset + size]).decode()
            body = '<DownloadChunkResponse xmlns="%s"><DownloadChunkResult>%s</DownloadChunkResult></DownloadChunkResponse>' % (NS, chunk)
        else:
            return self.reply(500, b"")
        self.reply(200, envelope(body))

    def reply(self, status, payload):
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *arguments):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--address", default="127.0.0.5")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--requests", type=int, default=20)
    options = parser.parse_args()
    server = http.server.HTTPServer((options.address, options.port), Service)
    server.timeout = 10
    if options.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.cert, options.key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    for _ in range(options.requests):
        server.handle_request()
    return 0


if __name__ == "__main__":
    sys.exit(main())
