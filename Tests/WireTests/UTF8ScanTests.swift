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

    @Test("lower-case ASCII is told eight bytes at a time as byte by byte, every byte value in every place")
    func lowercaseASCII() {
        let reference = { (bytes: [UInt8]) in !bytes.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) } }
        // Each byte value at each place of a 19-byte text (two whole words and a tail), and
        // ranges that start and end inside the buffer.
        for place in 0..<19 {
            for value in UInt8.min...UInt8.max {
                var bytes = Array("sip:a0001@contoso.c".utf8)
                bytes[place] = value
                bytes.withUnsafeBufferPointer { buffer in
                    #expect(buffer.isLowercaseASCII(0..<19) == reference(bytes), "\(place) \(value)")
                    #expect(buffer.isLowercaseASCII(1..<18) == reference(Array(bytes[1..<18])), "\(place) \(value)")
                }
            }
        }
        "".withUTF8Bytes { #expect($0.isLowercaseASCII(0..<0)) }
    }

    @Test("comparing in any letter case, eight bytes at a time, agrees with comparing lower-cased text")
    func comparingIgnoringCase() {
        // Lengths below, at and past eight bytes, so the word path and its overlapping last word run.
        let patterns: [StaticString] = ["to", "call-id", "contact1", "content-type", "ms-diagnostics-public", "x-9_z.@[`{"]
        for pattern in patterns {
            let lowercase = pattern.description
            var candidates = [lowercase, lowercase.uppercased(), String(lowercase.dropLast()), lowercase + "-"]
            // Each byte in turn changed to a byte that differs from it in bit 5 alone, or by one.
            for index in lowercase.utf8.indices {
                for change: UInt8 in [0x20, 0x01] {
                    var bytes = Array(lowercase.utf8)
                    bytes[lowercase.utf8.distance(from: lowercase.utf8.startIndex, to: index)] ^= change
                    candidates.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            for candidate in candidates {
                candidate.withUTF8Bytes { bytes in
                    let expected = bytes.count == lowercase.utf8.count
                        && zip(bytes, lowercase.utf8).allSatisfy { $0.lowercasedASCII == $1 }
                    #expect(bytes.equalsIgnoringASCIICase(0..<bytes.count, pattern) == expected, "\(candidate) \(lowercase)")
                }
            }
        }
        // A range inside a larger buffer.
        "xxCONTENT-TYPEyy".withUTF8Bytes { bytes in
            #expect(bytes.equalsIgnoringASCIICase(2..<14, "content-type"))
            #expect(!bytes.equalsIgnoringASCIICase(3..<15, "content-type"))
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
