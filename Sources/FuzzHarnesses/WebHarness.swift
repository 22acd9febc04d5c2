import Decode
import Web
import Wire

/// The input is split into a client and a server stream (its first two bytes say where)
/// and fed to one TLS or HTTP connection in alternating pieces, then the connection ends.
enum WebHarness {
    static func run(_ bytes: UnsafeRawBufferPointer, kind: WebConnection.Kind) {
        var cursor = InputCursor(bytes)
        let split = Int(cursor.byte()) << 8 | Int(cursor.byte())
        let piece = Int(cursor.byte()) + 1
        let client = cursor.take(split), server = cursor.rest()

        let (flow, direction) = FlowKey.of(source: Endpoint(address: .v4(0x0A00_0001), port: 50000),
                                           destination: Endpoint(address: .v4(0x0A00_0002), port: 443), transport: .tcp)
        let stream = StreamDescriptor(flow: flow, direction: direction, sawStart: true)
        let registry = WebConnectionRegistry(diagnostics: DiagnosticSink(maximumKept: 100))
        let time = Timestamp(seconds: 1, nanoseconds: 0)
        let (connection, fromClient) = registry.connection(for: stream, kind: kind, contentSaysClient: true, time: time)
        var offsets = (client: 0, server: 0), frame: UInt64 = 1
        while offsets.client < client.count || offsets.server < server.count {
            for (isClient, data) in [(true, client), (false, server)] {
                let start = isClient ? offsets.client : offsets.server
                let end = min(data.count, start + piece)
                guard start < end else { continue }
                connection.receive(UnsafeRawBufferPointer(rebasing: data[start..<end]),
                                   fromClient: isClient == fromClient, frame: frame, time: time)
                if isClient { offsets.client = end } else { offsets.server = end }
                frame += 1
            }
        }
        connection.finish(fromClient: true, reason: "fin", time: time)
        connection.finish(fromClient: false, reason: "fin", time: time)
        _ = (connection.clientHello, connection.serverHello, connection.certificate, connection.exchanges)
    }
}
