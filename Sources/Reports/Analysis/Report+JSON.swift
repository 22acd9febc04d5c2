import Scenarios

extension Report {
    /// The report as `JSONEncoder` writes it pretty-printed with sorted keys. Scenarios and
    /// connections go out one by one through `flush`, so a large report never exists whole
    /// in memory, neither as a tree nor as text.
    func write(to json: inout JSONBuilder, flush: (inout JSONBuilder) throws -> Void) throws {
        try Self.write(to: &json, capture: capture, diagnostics: diagnostics, connections: { json in
            try json.array(connections) { json, connection in
                try connection.write(to: &json)
                try flush(&json)
            }
        }, scenarios: { json in
            try json.array(scenarios) { json, scenario in
                json.write(scenario)
                try flush(&json)
            }
        })
    }

    /// The report's frame, with its two long arrays written by the caller.
    static func write(to json: inout JSONBuilder, capture: Capture, diagnostics: [DiagnosticRecord],
                      connections: (inout JSONBuilder) throws -> Void, scenarios: (inout JSONBuilder) throws -> Void) throws {
        try json.object { json in
            json.key("capture")
            json.write(capture)
            json.key("connections")
            try connections(&json)
            json.key("diagnostics")
            json.array(diagnostics) { $0.write($1) }
            json.key("scenarios")
            try scenarios(&json)
            json.member("schemaVersion", Report.currentSchemaVersion)
        }
    }
}

extension JSONBuilder {
    fileprivate mutating func write(_ capture: Report.Capture) {
        object { json in
            json.member("end", capture.end)
            json.member("file", capture.file)
            json.member("format", capture.format)
            json.member("packets", capture.packets)
            json.member("sipMessages", capture.sipMessages)
            json.member("start", capture.start)
        }
    }

    /// Synthesised `Encodable`: absent optionals are left out.
    fileprivate mutating func write(_ diagnostic: Report.DiagnosticRecord) {
        object { json in
            json.member("code", diagnostic.code)
            json.member("count", ifPresent: diagnostic.count)
            json.member("frame", ifPresent: diagnostic.frame)
            json.member("message", diagnostic.message)
            json.member("severity", diagnostic.severity)
        }
    }

    mutating func write(_ scenario: Scenario) {
        object { json in
            json.key("details")
            json.object { json in
                for (name, detail) in scenario.details.sorted(by: { Self.precedes($0.key, $1.key) }) {
                    json.key(named: name)
                    switch detail {
                    case .text(let value): json.string(value)
                    case .number(let value): json.integer(value)
                    case .flag(let value): json.bool(value)
                    case .texts(let values): json.stringArray(values)
                    }
                }
            }
            json.member("end", scenario.end)
            json.member("id", scenario.id)
            json.member("kind", scenario.kind.rawValue)
            json.key("outcome")
            json.object { json in
                json.member("reason", scenario.outcome.reason)
                json.member("status", scenario.outcome.status.rawValue)
            }
            json.key("participants")
            json.array(scenario.participants) { json, participant in
                json.object { json in
                    json.key("endpoints")
                    json.stringArray(participant.endpoints)
                    json.member("role", participant.role.rawValue)
                    json.member("uri", participant.uri)
                }
            }
            json.member("start", scenario.start)
            json.key("steps")
            json.array(scenario.steps) { $0.write($1) }
            json.member("title", scenario.title)
            json.member("variant", scenario.variant)
        }
    }

    private mutating func write(_ step: Scenario.Step) {
        object { json in
            json.member("callId", step.callId)
            json.member("frame", step.frame)
            json.member("from", step.source)
            json.member("label", step.label)
            json.member("summary", step.summary)
            json.member("time", step.time)
            json.member("to", step.destination)
        }
    }
}
