import Testing
import Wire

@Suite("ByteReader")
struct ByteReaderTests {
    @Test("reads big-endian integers in order and stops at the end")
    func readsBigEndian() throws {
        let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]
        try bytes.withUnsafeBytes { buffer throws in
            var reader = ByteReader(buffer)
            #expect(try reader.readUInt8() == 0x01)
            #expect(try reader.readUInt16() == 0x0203)
            #expect(try reader.readUInt32() == 0x0405_0607)
            #expect(reader.isAtEnd)
        }
    }

    @Test("a read past the end throws truncated and does not move the cursor")
    func truncatedReadThrows() throws {
        let bytes: [UInt8] = [0xAA, 0xBB, 0xCC]
        try bytes.withUnsafeBytes { buffer throws in
            var reader = ByteReader(buffer)
            #expect(throws: DecodeError.self) { try reader.readUInt32() }
            #expect(reader.offset == 0)
            #expect(throws: DecodeError.self) { try reader.readBytes(4) }
            #expect(throws: DecodeError.self) { try reader.skip(-1) }
        }
    }

    @Test("readBytes borrows a slice and peeks never consume")
    func slicesAndPeeks() throws {
        let bytes: [UInt8] = [1, 2, 3, 4, 5]
        try bytes.withUnsafeBytes { buffer throws in
            var reader = ByteReader(buffer)
            try reader.skip(1)
            #expect(reader.peekUInt8() == 2)
            #expect(reader.peekUInt16(at: 1) == 0x0304)
            #expect(reader.peekUInt8(at: 10) == nil)
            let slice = try reader.readBytes(3)
            #expect(Array(slice) == [2, 3, 4])
            #expect(Array(reader.remainingBytes) == [5])
        }
    }

    @Test("little-endian 32-bit values, as BSD loopback headers store them")
    func littleEndian() throws {
        let bytes: [UInt8] = [0x02, 0x00, 0x00, 0x00]
        try bytes.withUnsafeBytes { buffer throws in
            var reader = ByteReader(buffer)
            #expect(try reader.readUInt32LittleEndian() == 2)
        }
    }
}

@Suite("Timestamp")
struct TimestampTests {
    @Test("formats as RFC 3339 UTC with micro- or nanoseconds", arguments: [
        (Int64(0), UInt32(0), 6, "1970-01-01T00:00:00.000000Z"),
        (Int64(1_767_348_000), UInt32(123_456_000), 6, "2026-01-02T10:00:00.123456Z"),
        (Int64(951_782_400), UInt32(5), 9, "2000-02-29T00:00:00.000000005Z"),
        (Int64(-1), UInt32(0), 6, "1969-12-31T23:59:59.000000Z"),
        (Int64(4_107_542_399), UInt32(999_999_999), 9, "2100-02-28T23:59:59.999999999Z"),
    ])
    func formats(seconds: Int64, nanoseconds: UInt32, digits: Int, expected: String) {
        #expect(Timestamp(seconds: seconds, nanoseconds: nanoseconds).iso8601(fractionDigits: digits) == expected)
    }

    @Test("a year past 9999 is written in full, and the in-place writer leaves it to iso8601")
    func yearsPastFourDigits() {
        let time = Timestamp(seconds: 253_402_300_800, nanoseconds: 7_000)
        #expect(time.iso8601() == "10000-01-01T00:00:00.000007Z")
        let length = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Timestamp.iso8601Capacity) {
            time.writeISO8601(into: $0)
        }
        #expect(length == nil)
    }

    @Test("normalises nanoseconds past one second and orders by time")
    func normalisesAndOrders() {
        let carried = Timestamp(seconds: 10, nanoseconds: 1_500_000_000)
        #expect(carried == Timestamp(seconds: 11, nanoseconds: 500_000_000))
        #expect(Timestamp(seconds: 11, nanoseconds: 1) < carried)
        #expect(carried.seconds(since: Timestamp(seconds: 10, nanoseconds: 0)) == 1.5)
    }
}

@Suite("DiagnosticSink")
struct DiagnosticSinkTests {
    @Test("keeps diagnostics up to its bound and counts the rest by code")
    func boundsWhatItKeeps() {
        let sink = DiagnosticSink(maximumKept: 2)
        for frame in 1...5 { sink.record(.warning, "tcp_gap", frame: UInt64(frame), "gap") }
        #expect(sink.kept.count == 2)
        #expect(sink.countsByCode["tcp_gap"] == 5)
        #expect(sink.droppedCount == 3)
    }

    @Test("interleaving puts each second-sink diagnostic after the first-sink ones recorded before it")
    func interleaving() {
        let first = DiagnosticSink(), second = DiagnosticSink()
        for index in 0..<4 { first.record(.warning, "a\(index)", frame: UInt64(index), "first \(index)") }
        second.record(.warning, "b0", frame: 0, "second 0")
        second.record(.warning, "b1", frame: 2, "second 1")
        first.recordLimit("limit", frame: 9, "cap")
        first.recordLimit("limit", frame: 9, "cap")
        let merged = DiagnosticSink.interleaving(first, second, positions: [0, 2])
        #expect(merged.kept.map(\.code) == ["b0", "a0", "a1", "b1", "a2", "a3", "limit"])
        #expect(merged.limitHits["limit"] == 2)
        #expect(merged.recordedCount == 7)
        #expect(merged.countsByCode["a1"] == 1 && merged.countsByCode["b1"] == 1)
    }
}
