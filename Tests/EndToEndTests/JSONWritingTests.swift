import Capture
import Foundation
import Reports
import Testing
import TestSupport
import Timeline
import Web

/// The hand-written JSON of reports and message records must be, byte for byte, what
/// `JSONEncoder` makes of their `Encodable` conformances, which stay the reference.
@Suite("JSON writing")
struct JSONWritingTests {
    static let captures = Paths.captures(under: Paths.projectCaptures) + Paths.captures(under: Paths.sharedCaptures)

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func build(_ capture: URL) throws -> (ReportBuilder.Built, [AnalysedMessage]) {
        let keyLog = try Paths.keyLog(for: capture).map { KeyLog(text: try String(contentsOf: $0, encoding: .utf8)) }
        var messages: [AnalysedMessage] = []
        let built = try ReportBuilder.build(file: capture.lastPathComponent, opened: try CaptureFile.open(capture.path),
                                            keyLog: keyLog) { messages.append($0) }
        return (built, messages)
    }

    @Test("reports and message records equal JSONEncoder's output", arguments: captures)
    func sameAsFoundation(_ capture: URL) throws {
        let (built, messages) = try Self.build(capture)
        let expected = String(decoding: try Self.encoder(pretty: true).encode(built.report), as: UTF8.self) + "\n"
        #expect(try ReportWriter.json([built.report]) == expected)

        var json = JSONBuilder(pretty: false)
        for message in messages {
            let record = MessageRecord(message)
            json.reset()
            try record.write(to: &json)
            let reference = try Self.encoder(pretty: false).encode(record)
            #expect(json.bytes == Array(reference), "frame \(record.frame)")
        }
    }

    @Test("several reports make a JSON array, as JSONEncoder writes it")
    func severalReports() throws {
        let captures = Self.captures.filter { ["registration.pcap", "chat-room.pcap"].contains($0.lastPathComponent) }
        try #require(captures.count == 2)
        let reports = try captures.map { try Self.build($0).0.report }
        let expected = String(decoding: try Self.encoder(pretty: true).encode(reports), as: UTF8.self) + "\n"
        #expect(try ReportWriter.json(reports) == expected)
    }

    struct Sample: Encodable {
        let text: String
        let number: Double?
        let list: [String]
        let map: [String: String]
    }

    @Test("escapes, numbers, empty containers and key order match JSONEncoder, compact and pretty")
    func edgeCases() throws {
        var everyASCII = ""
        for byte in 0..<0x80 { everyASCII.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        let texts = [everyASCII, "é\u{2028}😀/\\\"", "", "\u{7F}\u{0}"]
        let numbers: [Double?] = [nil, 0, -0.5, 1, 0.000237, 7.7e-05, 1e15, 1e16, 1e20, 123456789.123, 0.1 + 0.2, -3e-10]
        let maps: [[String: String]] = [[:], ["b": "1", "B": "2", "a-b": "3", "a_b": "4", "é": "5", "aa": "6", "a": "7"]]
        for pretty in [false, true] {
            for text in texts {
                for number in numbers {
                    for map in maps {
                        let sample = Sample(text: text, number: number, list: text.isEmpty ? [] : [text, "x"], map: map)
                        var json = JSONBuilder(pretty: pretty)
                        json.object { json in
                            json.key("list")
                            json.stringArray(sample.list)
                            json.key("map")
                            json.stringDictionary(sample.map)
                            if let number = sample.number {
                                json.key("number")
                                json.double(number)
                            }
                            json.key("text")
                            json.string(sample.text)
                        }
                        let expected = try Self.encoder(pretty: pretty).encode(sample)
                        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
                    }
                }
            }
        }
    }

    @Test("an Encodable value nested in a pretty object is indented to its depth")
    func nestedEncodable() throws {
        struct Outer: Encodable { let inner: [Sample] }
        let sample = Sample(text: "a\nb", number: 2.5, list: [], map: ["k": "v"])
        var json = JSONBuilder(pretty: true)
        json.object { json in
            json.key("inner")
            json.array { json in
                json.element()
                try? json.encodable(sample)
            }
        }
        let expected = try Self.encoder(pretty: true).encode(Outer(inner: [sample]))
        #expect(String(decoding: json.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
