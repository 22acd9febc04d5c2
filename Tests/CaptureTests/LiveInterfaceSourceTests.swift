import Capture
import Foundation
import Testing
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// The live source on the loopback interface: real packets sent through the kernel.
/// Needs permission to capture (root or CAP_NET_RAW), as CI has.
@Suite("Live capture on loopback", .serialized)
struct LiveInterfaceSourceTests {
    @Test("captures UDP datagrams sent to 127.0.0.1, filtered by BPF")
    func capturesLoopbackTraffic() throws {
        let port = UInt16.random(in: 40_000...49_000)
        let source = try LiveInterfaceSource(.init(interface: "lo", filter: "udp and dst port \(port)"))
        let deadline = Date().addingTimeInterval(5)
        source.shouldStop = { Date() > deadline }
        let sender = Thread {
            for index in 0..<5 {
                Thread.sleep(forTimeInterval: 0.05)
                UDPSender.send(Array("OPTIONS sip:probe-\(index)@127.0.0.1 SIP/2.0\r\n\r\n".utf8), to: port)
                UDPSender.send(Array("noise".utf8), to: port &+ 1)   // filtered out
            }
        }
        sender.start()
        var payloads: [String] = []
        try source.readPackets(into: DiagnosticSink()) { packet in
            // Ethernet (14) + IPv4 (20) + UDP (8) on Linux loopback.
            let payload = packet.bytes.count > 42 ? Array(packet.bytes[42...]) : []
            payloads.append(String(decoding: payload, as: UTF8.self))
            return payloads.count == 5 ? .stop : .proceed
        }
        #expect(source.linkType == .ethernet)
        #expect(payloads.count == 5)
        #expect(payloads.allSatisfy { $0.hasPrefix("OPTIONS sip:probe-") })
        let statistics = try #require(source.statistics())
        #expect(statistics.received >= 5)
    }

    @Test("the `any` pseudo-interface delivers Linux cooked frames")
    func anyInterface() throws {
        let port = UInt16.random(in: 50_000...59_000)
        let source = try LiveInterfaceSource(.init(interface: "any", filter: "udp and dst port \(port)"))
        let deadline = Date().addingTimeInterval(5)
        source.shouldStop = { Date() > deadline }
        let marker = Array("NOTIFY sip:any@127.0.0.1 SIP/2.0\r\n\r\n".utf8)
        let sender = Thread {
            for _ in 0..<3 {
                Thread.sleep(forTimeInterval: 0.05)
                UDPSender.send(marker, to: port)
            }
        }
        sender.start()
        var received: [[UInt8]] = []
        try source.readPackets(into: DiagnosticSink()) { packet in
            received.append(Array(packet.bytes))
            return received.count == 3 ? .stop : .proceed
        }
        #expect([LinkType.linuxSLL, .linuxSLL2].contains(source.linkType))
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0.suffix(marker.count).elementsEqual(marker) })
    }

    @Test("a bad filter is a one-line error naming the filter")
    func badFilter() {
        #expect(throws: CaptureError.self) { try LiveInterfaceSource(.init(interface: "lo", filter: "udp port banana")) }
    }

    @Test("an interface that does not exist is an error, not a crash")
    func missingInterface() {
        #expect(throws: CaptureError.self) { try LiveInterfaceSource(.init(interface: "nosuchif0")) }
    }
}

/// Sends one UDP datagram to 127.0.0.1 with a plain socket.
enum UDPSender {
    static func send(_ bytes: [UInt8], to port: UInt16) {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { sendto(socketDescriptor, $0.baseAddress, $0.count, 0, socketAddress,
                                              socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
    }
}
