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
                    json.key("from")
                    json.string(alert.from)
                    json.member("level", ifPresent: alert.level)
                    json.key("time")
                    json.string(alert.time)
                }
            }
            json.key("alpn")
            json.string(alpn)
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
            json.key("cipher")
            json.string(cipher)
            json.key("cipherId")
            json.integer(cipherId)
            json.key("client")
            json.string(client)
            json.key("clientHelloFrame")
            json.integer(clientHelloFrame)
            json.key("end")
            json.string(end)
            json.key("endReason")
            json.string(endReason)
            json.key("exchanges")
            json.array(exchanges) { json, exchange in
                json.object { json in
                    json.key("start")
                    json.string(exchange.start)
                    json.key("toClientBytes")
                    json.integer(exchange.toClientBytes)
                    json.key("toServerBytes")
                    json.integer(exchange.toServerBytes)
                }
            }
            json.key("handshakeDone")
            json.string(handshakeDone)
            json.key("ja3")
            json.string(ja3)
            json.key("ja3Full")
            json.string(ja3Full)
            json.key("ja3s")
            json.string(ja3s)
            json.key("ja4")
            json.string(ja4)
            json.key("protocol")
            json.string(`protocol`)
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
            json.key("server")
            json.string(server)
            json.key("sni")
            json.string(sni)
            json.key("start")
            json.string(start)
            json.key("version")
            json.string(version)
        }
        if let failure { throw failure }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ bytes: ConnectionRecord.Bytes) {
        object { json in
            json.key("toClient")
            json.integer(bytes.toClient)
            json.key("toServer")
            json.integer(bytes.toServer)
        }
    }
}
