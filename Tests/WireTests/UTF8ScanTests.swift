import Testing
import Wire

@Suite("UTF8Scan")
struct UTF8ScanTests {
    @Test("trimming cuts spaces and tabs, or all white space, from both ends only")
    func trimming() {
        " \t a b \t".withUTF8Bytes { bytes in
            #expect(bytes.string(bytes.trimmingSpaces(0..<bytes.count)) == "a b")
        }
        "\r\n x \n".withUTF8Bytes { bytes in
            #expect(bytes.string(bytes.trimmingSpaces(0..<bytes.count)) == "\r\n x \n")
            #expect(bytes.string(bytes.trimmingWhitespace(0..<bytes.count)) == "x")
        }
        "   ".withUTF8Bytes { bytes in #expect(bytes.trimmingSpaces(0..<bytes.count).isEmpty) }
        "\"quoted\"".withUTF8Bytes { bytes in
            #expect(bytes.string(bytes.trimmingQuotes(0..<bytes.count)) == "quoted")
        }
        "\"".withUTF8Bytes { bytes in #expect(bytes.trimmingQuotes(0..<bytes.count) == 0..<1) }
    }

    @Test("parts split outside quoted strings, empty parts dropped")
    func partsOutsideQuotes() {
        let text = ";a=1;;gruu=\"sip:x;opaque=y\";b"
        text.withUTF8Bytes { bytes in
            var parts: [String] = []
            bytes.forEachPart(of: 0..<bytes.count, outsideQuotesAt: UInt8(ascii: ";")) { parts.append(bytes.string($0)) }
            #expect(parts == ["a=1", "gruu=\"sip:x;opaque=y\"", "b"])
        }
    }

    @Test("lower-casing by bytes agrees with String.lowercased, non-ASCII included")
    func lowercasing() {
        for text in ["Call-ID", "ÉVÉNEMENT-Ü", "x", ""] {
            text.withUTF8Bytes { bytes in #expect(bytes.lowercasedString(0..<bytes.count) == text.lowercased()) }
        }
        "BRANCH".withUTF8Bytes { bytes in
            #expect(bytes.equalsIgnoringASCIICase(0..<bytes.count, "branch"))
            #expect(!bytes.equalsIgnoringASCIICase(0..<5, "branch"))
        }
    }

    @Test("searches stay inside their range")
    func searches() {
        "a;b?c;".withUTF8Bytes { bytes in
            #expect(bytes.firstIndex(of: UInt8(ascii: ";"), in: 0..<bytes.count) == 1)
            #expect(bytes.firstIndex(of: UInt8(ascii: ";"), in: 2..<5) == nil)
            #expect(bytes.firstIndex(of: UInt8(ascii: ";"), or: UInt8(ascii: "?"), in: 2..<bytes.count) == 3)
            #expect(bytes.hasPrefix("a;", in: 0..<bytes.count))
            #expect(!bytes.hasPrefix("a;b?c;d", in: 0..<bytes.count))
        }
    }
}
