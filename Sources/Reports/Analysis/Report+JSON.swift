import Scenarios

extension Report {
    /// The report as `JSONEncoder` writes it pretty-printed with sorted keys. Scenarios and
    /// connections go out one by one through `flush`, so a large report never exists whole
    /// in memory, neither as a tree nor as text.
    func write(to json: inout JSONBuilder, flush: (inout JSONBuilder) throws -> Void) throws {
        var failure: Error?
        json.object { json in
            json.key("capture")
            json.write(capture)
            json.key("connections")
            json.array { json in
                for connection in connections where failure == nil {
                    json.element()
                    do {
                        try connection.write(to: &json)
                        try flush(&json)
                    } catch { failure = error }
                }
            }
            json.key("diagnostics")
            json.array(diagnostics) { $0.write($1) }
            json.key("scenarios")
            json.array { json in
                for scenario in scenarios where failure == nil {
                    json.element()
                    json.write(scenario)
                    do { try flush(&json) } catch { failure = error }
                }
            }
            json.key("schemaVersion")
            json.integer(schemaVersion)
        }
        if let failure { throw failure }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ capture: Report.Capture) {
        object { json in
            json.key("end")
            json.string(capture.end)
            json.key("file")
            json.string(capture.file)
            json.key("format")
            json.string(capture.format)
            json.key("packets")
            json.integer(capture.packets)
            json.key("sipMessages")
            json.integer(capture.sipMessages)
            json.key("start")
            json.string(capture.start)
        }
    }

    /// Synthesised `Encodable`: absent optionals are left out.
    fileprivate mutating func write(_ diagnostic: Report.DiagnosticRecord) {
        object { json in
            json.key("code")
            json.string(diagnostic.code)
            json.member("count", ifPresent: diagnostic.count)
            json.member("frame", ifPresent: diagnostic.frame)
            json.key("message")
            json.string(diagnostic.message)
            json.key("severity")
            json.string(diagnostic.severity)
        }
    }

    mutating func write(_ scenario: Scenario) {
        object { json in
            json.key("details")
            json.object { json in
                for (name, detail) in scenario.details.sorted(by: { Self.precedes($0.key, $1.key) }) {
                    json.key(name)
                    switch detail {
                    case .text(let value): json.string(value)
                    case .number(let value): json.integer(value)
                    case .flag(let value): json.bool(value)
                    case .texts(let values): json.stringArray(values)
                    }
                }
            }
            json.key("end")
            json.string(scenario.end?.iso8601())
            json.key("id")
            json.string(scenario.id)
            json.key("kind")
            json.string(scenario.kind.rawValue)
            json.key("outcome")
            json.object { json in
                json.key("reason")
                json.string(scenario.outcome.reason)
                json.key("status")
                json.string(scenario.outcome.status.rawValue)
            }
            json.key("participants")
            json.array(scenario.participants) { json, participant in
                json.object { json in
                    json.key("endpoints")
                    json.stringArray(participant.endpoints)
                    json.key("role")
                    json.string(participant.role.rawValue)
                    json.key("uri")
                    json.string(participant.uri)
                }
            }
            json.key("start")
            json.string(scenario.start?.iso8601())
            json.key("steps")
            json.array(scenario.steps) { $0.write($1) }
            json.key("title")
            json.string(scenario.title)
            json.key("variant")
            json.string(scenario.variant)
        }
    }

    private mutating func write(_ step: Scenario.Step) {
        object { json in
            json.key("callId")
            json.string(step.callId)
            json.key("frame")
            json.integer(step.frame)
            json.key("from")
            json.string(step.from)
            json.key("label")
            json.string(step.label)
            json.key("summary")
            json.string(step.summary)
            json.key("time")
            json.string(step.time.iso8601())
            json.key("to")
            json.string(step.to)
        }
    }
}
