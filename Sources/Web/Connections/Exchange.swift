import Wire

/// A burst of client data followed by a burst of server data: about one request and
/// its response, even when the bytes are encrypted.
public struct Exchange: Equatable, Sendable {
    public let start: Timestamp
    public internal(set) var toServerBytes = 0
    public internal(set) var toClientBytes = 0
    public internal(set) var toServerRecords = 0
    public internal(set) var toClientRecords = 0
}

/// Groups application data into exchanges; bounded, the last exchange absorbs the rest.
struct ExchangeLog {
    static let maximumExchanges = 10_000
    private(set) var exchanges: [Exchange] = []

    mutating func add(bytes: Int, toServer: Bool, time: Timestamp) {
        let needsNew: Bool
        if let last = exchanges.last {
            needsNew = toServer && last.toClientBytes > 0 && exchanges.count < Self.maximumExchanges
        } else {
            needsNew = true
        }
        if needsNew { exchanges.append(Exchange(start: time)) }
        let index = exchanges.count - 1
        if toServer {
            exchanges[index].toServerBytes += bytes
            exchanges[index].toServerRecords += 1
        } else {
            exchanges[index].toClientBytes += bytes
            exchanges[index].toClientRecords += 1
        }
    }
}
