extension ConnectionRecord {
    /// The record as `JSONEncoder` writes it (keys sorted, absent values `null`); the
    /// certificate and HTTP requests, rare and varied, still go through `JSONEncoder`.
    func write(to json: inout JSONBuilder) throws {
        var failure: Error?
        json.object { json in
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
            if let certificate {
                do { try json.encodable(certificate) } catch { failure = error }
            } else {
                json.null()
            }
            json.member("cipher", cipher)
            json.member("cipherId", cipherId)
            json.member("client", client)
            json.member("clientHelloFrame", clientHelloFrame)
            json.member("end", end)
            json.member("endReason", endReason)
            json.key("exchanges")
            json.array(exchanges) { json, exchange in
                json.object { json in
                    json.member("start", exchange.start)
                    json.member("toClientBytes", exchange.toClientBytes)
                    json.member("toServerBytes", exchange.toServerBytes)
                }
            }
            json.member("handshakeDone", handshakeDone)
            json.key("ja3")
            json.string(ja3)
            json.key("ja3Full")
            json.string(ja3Full)
            json.key("ja3s")
            json.string(ja3s)
            json.key("ja4")
            json.string(ja4)
            json.member("protocol", `protocol`)
            json.key("records")
            json.write(records)
            json.key("requests")
            json.array { json in
                for request in requests where failure == nil {
                    json.element()
                    do { try json.encodable(request) } catch { failure = error }
                }
            }
            json.key("resumption")
            json.stringArray(resumption)
            json.member("server", server)
            json.member("sni", sni)
            json.member("start", start)
            json.member("version", version)
        }
        if let failure { throw failure }
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
