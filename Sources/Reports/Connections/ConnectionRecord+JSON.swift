extension ConnectionRecord {
    /// The record as `JSONEncoder` writes it (keys sorted, absent values `null`); the
    /// certificate and HTTP requests, rare and varied, go through `JSONBuilder.encodable`.
    func write(to json: inout JSONBuilder) throws {
        try json.object { json in
            json.key("alerts")
            json.array(alerts) { json, alert in
                // Synthesised `Encodable`: an absent level or description is left out.
                json.object { json in
                    json.member("description", ifPresent: alert.description)
                    json.member("from", alert.from)
                    json.member("level", ifPresent: alert.level)
                    json.member("time", alert.time)
                }
            }
            json.member("alpn", alpn)
            json.key("alpnOffered")
            json.stringArray(alpnOffered)
            json.key("bytes")
            json.write(bytes)
            json.key("certificate")
            try json.encodable(certificate)
            json.member("cipher", cipher)
            json.member("cipherId", cipherId)
            json.member("client", client)
            json.member("clientHelloFrame", clientHelloFrame)
            json.member("end", end)
            json.member("endReason", endReason)
            json.key("exchanges")
            json.array(exchanges) { json, exchange in
                json.object { json in
                    json.member("start", exchange.startTime, fractionDigits: exchange.fractionDigits)
                    json.member("toClientBytes", exchange.toClientBytes)
                    json.member("toServerBytes", exchange.toServerBytes)
                }
            }
            json.member("handshakeDone", handshakeDone)
            json.member("ja3", ja3)
            json.member("ja3Full", ja3Full)
            json.member("ja3s", ja3s)
            json.member("ja4", ja4)
            json.member("protocol", `protocol`)
            json.key("records")
            json.write(records)
            json.key("requests")
            try json.array(requests) { try $0.encodable($1) }
            json.key("resumption")
            json.stringArray(resumption)
            json.member("server", server)
            json.member("sni", sni)
            json.member("start", start)
            json.member("version", version)
        }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ bytes: ConnectionRecord.Bytes) {
        object { json in
            json.member("toClient", bytes.toClient)
            json.member("toServer", bytes.toServer)
        }
    }
}
