/// A Lync availability number and its named band (Lync 2010/2013 enhanced presence:
/// 0–4499 Available … 18000+ Offline). OCS 2007 clients treat values below 3000 as
/// unknown; the band names follow Lync.
public struct Availability: Equatable, Sendable, Codable {
    public let value: Int
    public let band: String

    public init(_ value: Int) {
        self.value = value
        band = Self.band(of: value)
    }

    static func band(of value: Int) -> String {
        switch value {
        case ..<0: "Unknown"
        case 0..<4500: "Available"
        case 4500..<6000: "Available-Idle"
        case 6000..<7500: "Busy"
        case 7500..<9000: "Busy-Idle"
        case 9000..<12000: "Do Not Disturb"
        case 12000..<15000: "Be Right Back"
        case 15000..<18000: "Away"
        default: "Offline"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(band, forKey: .band)
    }
}
