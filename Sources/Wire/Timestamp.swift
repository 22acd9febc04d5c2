/// A capture timestamp: seconds and nanoseconds since the Unix epoch.
///
/// Time always comes from the packets, never from the wall clock, so that an analysis
/// of the same file gives the same report every time.
public struct Timestamp: Hashable, Comparable, Sendable {
    public let seconds: Int64
    public let nanoseconds: UInt32

    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds + Int64(nanoseconds / 1_000_000_000)
        self.nanoseconds = nanoseconds % 1_000_000_000
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }

    /// Seconds from `earlier` to `self` (negative if `earlier` is later).
    public func seconds(since earlier: Timestamp) -> Double {
        Double(seconds - earlier.seconds) + (Double(nanoseconds) - Double(earlier.nanoseconds)) / 1e9
    }

    /// RFC 3339 UTC text, e.g. `2026-01-02T10:00:00.123456Z`, with 6 or 9 fraction digits.
    public func iso8601(fractionDigits: Int = 6) -> String {
        // Every report writes a time per message and step: digits straight into one buffer.
        let text = String(unsafeUninitializedCapacity: Self.iso8601Capacity) {
            writeISO8601(into: $0, fractionDigits: fractionDigits) ?? 0
        }
        guard text.isEmpty else { return text }
        let civil = CivilTime(unixSeconds: seconds)
        let digits = fractionDigits == 9 ? 9 : 6
        let fraction = digits == 9 ? Int64(nanoseconds) : Int64(nanoseconds / 1000)
        return civil.paddedText + "." + Self.zeroPadded(Int(fraction), digits) + "Z"
    }

    /// Room `writeISO8601` needs.
    public static let iso8601Capacity = 30

    /// Writes `iso8601(fractionDigits:)` into `buffer` (at least `iso8601Capacity` bytes) and
    /// returns its length; nil for a year outside 0…9999, which `iso8601` writes otherwise.
    public func writeISO8601(into buffer: UnsafeMutableBufferPointer<UInt8>, fractionDigits: Int = 6) -> Int? {
        let civil = CivilTime(unixSeconds: seconds)
        guard (0...9999).contains(civil.year), buffer.count >= Self.iso8601Capacity, let base = buffer.baseAddress else {
            return nil
        }
        let digits = fractionDigits == 9 ? 9 : 6
        let fraction = digits == 9 ? Int64(nanoseconds) : Int64(nanoseconds / 1000)
        var end = 0
        // Through the base address: the room was checked once, above, for every digit.
        func put(_ value: Int64, width: Int, then separator: UInt8) {
            var rest = UInt64(truncatingIfNeeded: value), offset = width
            while offset > 0 {
                offset -= 1
                base[end + offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            end += width
            base[end] = separator
            end += 1
        }
        put(civil.year, width: 4, then: UInt8(ascii: "-"))
        put(civil.month, width: 2, then: UInt8(ascii: "-"))
        put(civil.day, width: 2, then: UInt8(ascii: "T"))
        put(civil.secondOfDay / 3600, width: 2, then: UInt8(ascii: ":"))
        put(civil.secondOfDay / 60 % 60, width: 2, then: UInt8(ascii: ":"))
        put(civil.secondOfDay % 60, width: 2, then: UInt8(ascii: "."))
        put(fraction, width: digits, then: UInt8(ascii: "Z"))
        return end
    }

    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// Calendar fields of a Unix time in UTC (proleptic Gregorian, days-from-civil inverse).
private struct CivilTime {
    let year: Int64
    let month: Int64
    let day: Int64
    let secondOfDay: Int64

    init(unixSeconds: Int64) {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        secondOfDay = unixSeconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// The date and time of day, for years that do not fit four digits.
    var paddedText: String {
        let pad = { (value: Int64, width: Int) in Timestamp.zeroPadded(Int(value), width) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }
}
