import Capture
import Decode
import Testing
import TestSupport
import Wire

@Suite("Link layers")
struct LinkLayerTests {
    let udpPacket = PacketBuilder.ipv4(PacketBuilder.udp(sipBytes, sourcePort: 5062, destinationPort: 5060))

    @Test("Ethernet, with one 802.1Q tag and with QinQ tags")
    func ethernetAndVLANs() {
        for tags in [[], [100], [100, 200]] as [[UInt16]] {
            let result = decode([PacketBuilder.ethernet(udpPacket, vlanTags: tags)])
            #expect(result.segments == [DecodedSegment(source: "10.0.0.1:5062", destination: "10.0.0.2:5060",
                                                       transport: .udp, payload: sipBytes)], "tags \(tags)")
        }
    }

    @Test("802.1ad outer tag before an 802.1Q inner tag")
    func qinqWith88a8() {
        var frame: [UInt8] = Array(repeating: 0, count: 12)
        frame += PacketBuilder.be16(0x88A8) + PacketBuilder.be16(10) + PacketBuilder.be16(0x8100) + PacketBuilder.be16(20)
        frame += PacketBuilder.be16(0x0800) + udpPacket
        #expect(decode([frame]).segments.map(\.payload) == [sipBytes])
    }

    @Test("PPPoE session carrying IPv4")
    func pppoe() {
        let ppp = [0x11, 0x00, 0x12, 0x34] + PacketBuilder.be16(UInt16(udpPacket.count + 2)) + PacketBuilder.be16(0x0021) + udpPacket
        #expect(decode([PacketBuilder.ethernet(ppp, etherType: 0x8864)]).segments.map(\.payload) == [sipBytes])
    }

    @Test("Linux cooked v1 and v2")
    func linuxCooked() {
        let sll: [UInt8] = [0, 0, 0, 1, 0, 6] + [1, 2, 3, 4, 5, 6, 0, 0] + PacketBuilder.be16(0x0800)
        #expect(decode([sll + udpPacket], linkType: .linuxSLL).segments.map(\.payload) == [sipBytes])
        let sll2: [UInt8] = PacketBuilder.be16(0x0800) + [0, 0] + [0, 0, 0, 1] + [0, 1, 0, 6] + [1, 2, 3, 4, 5, 6, 0, 0]
        #expect(decode([sll2 + udpPacket], linkType: .linuxSLL2).segments.map(\.payload) == [sipBytes])
    }

    @Test("BSD loopback in either byte order, and raw IP")
    func loopbackAndRaw() {
        #expect(decode([PacketBuilder.le32(2) + udpPacket], linkType: .null).segments.count == 1)
        #expect(decode([PacketBuilder.be32(2) + udpPacket], linkType: .loop).segments.count == 1)
        let v6 = PacketBuilder.ipv6(PacketBuilder.udp(sipBytes))
        #expect(decode([PacketBuilder.le32(30) + v6], linkType: .null).segments.first?.source == "[2001:db8::1]:5060")
        #expect(decode([udpPacket, v6], linkType: .raw).segments.count == 2)
    }

    @Test("an unknown link type is reported once, naming it")
    func unknownLinkType() {
        let result = decode([[1, 2, 3], [4, 5, 6]], linkType: LinkType(rawValue: 147))
        #expect(result.segments.isEmpty)
        #expect(result.diagnostics.kept.map(\.code) == ["unsupported_link_type"])
        #expect(result.diagnostics.kept.first?.message.contains("147") == true)
    }

    @Test("a frame too short for its headers is a diagnostic naming the frame")
    func shortFrame() {
        let result = decode([PacketBuilder.ethernet(Array(udpPacket.prefix(10)))])
        #expect(result.segments.isEmpty)
        #expect(result.diagnostics.kept.map(\.code) == ["malformed_packet"])
        #expect(result.diagnostics.kept.first?.frame == 1)
    }

    @Test("ARP and other non-IP frames are skipped silently")
    func nonIP() {
        let result = decode([PacketBuilder.ethernet([0, 1, 8, 0, 6, 4], etherType: 0x0806)])
        #expect(result.segments.isEmpty && result.diagnostics.kept.isEmpty)
    }
}

@Suite("IPv4 and IPv6")
struct NetworkLayerTests {
    @Test("IPv4 options are skipped by the header length")
    func ipv4Options() {
        let packet = PacketBuilder.ipv4(PacketBuilder.udp(sipBytes), options: [0x94, 0x04, 0, 0])
        #expect(decode([PacketBuilder.ethernet(packet)]).segments.map(\.payload) == [sipBytes])
    }

    @Test("Ethernet padding past the IPv4 total length is not payload")
    func ethernetPadding() {
        let packet = PacketBuilder.ipv4(PacketBuilder.udp([0x41]))
        #expect(decode([PacketBuilder.ethernet(packet + [0, 0, 0, 0, 0])]).segments.map(\.payload) == [[0x41]])
    }

    @Test("an IPv4 total length shorter than the header is malformed")
    func ipv4LyingLength() {
        let packet = PacketBuilder.ipv4(PacketBuilder.udp(sipBytes), totalLength: 12)
        #expect(decode([PacketBuilder.ethernet(packet)]).diagnostics.kept.map(\.code) == ["malformed_packet"])
    }

    @Test("IPv6 hop-by-hop and destination options before UDP")
    func ipv6ExtensionHeaders() {
        let udp = PacketBuilder.udp(sipBytes)
        let destinationOptions: [UInt8] = [17, 0, 1, 4, 0, 0, 0, 0]
        let hopByHop: [UInt8] = [60, 0, 1, 4, 0, 0, 0, 0]
        let packet = PacketBuilder.ipv6(hopByHop + destinationOptions + udp, nextHeader: 0)
        let result = decode([PacketBuilder.ethernet(packet, etherType: 0x86DD)])
        #expect(result.segments.map(\.payload) == [sipBytes])
        #expect(result.segments.first?.destination == "[2001:db8::2]:5060")
    }

    @Test("IPv4 fragments arriving out of order are reassembled in the last one's frame")
    func ipv4Fragments() {
        let udp = PacketBuilder.udp(Array(repeating: 0x61, count: 40) + sipBytes)
        let first = Array(udp[0..<24]), second = Array(udp[24..<48]), third = Array(udp[48...])
        let packets = [
            PacketBuilder.ipv4(third, identification: 7, fragmentOffset: 48),
            PacketBuilder.ipv4(first, identification: 7, fragmentOffset: 0, moreFragments: true),
            PacketBuilder.ipv4(second, identification: 7, fragmentOffset: 24, moreFragments: true),
        ].map { PacketBuilder.ethernet($0) }
        let result = decode(packets)
        #expect(result.segments.count == 1)
        #expect(result.segments.first?.payload == Array(udp[8...]))
        #expect(result.diagnostics.kept.isEmpty)
    }

    @Test("overlapping IPv4 fragments keep the bytes that came first")
    func overlappingFragments() {
        let udp = PacketBuilder.udp(Array(repeating: 0x41, count: 24))
        let forged = Array(repeating: UInt8(0x5A), count: 16)
        let packets = [
            PacketBuilder.ipv4(Array(udp[0..<24]), identification: 9, moreFragments: true),
            PacketBuilder.ipv4(forged, identification: 9, fragmentOffset: 16, moreFragments: true),
            PacketBuilder.ipv4(Array(udp[24...]), identification: 9, fragmentOffset: 24),
        ].map { PacketBuilder.ethernet($0) }
        let payload = decode(packets).segments.first?.payload ?? []
        #expect(Array(payload.prefix(16)) == Array(repeating: 0x41, count: 16))
        #expect(payload.count == 24)
    }

    @Test("IPv6 fragments are reassembled")
    func ipv6Fragments() {
        let udp = PacketBuilder.udp(sipBytes + Array(repeating: 0x62, count: 30))
        let firstPart = Array(udp[0..<32]), secondPart = Array(udp[32...])
        let fragmentHeader = { (offset: Int, more: Bool) -> [UInt8] in
            [17, 0] + PacketBuilder.be16(UInt16(offset / 8) << 3 | (more ? 1 : 0)) + PacketBuilder.be32(0xABCD)
        }
        let packets = [
            PacketBuilder.ipv6(fragmentHeader(0, true) + firstPart, nextHeader: 44),
            PacketBuilder.ipv6(fragmentHeader(32, false) + secondPart, nextHeader: 44),
        ].map { PacketBuilder.ethernet($0, etherType: 0x86DD) }
        #expect(decode(packets).segments.map(\.payload) == [Array(udp[8...])])
    }

    @Test("a fragment that never completes times out with a diagnostic")
    func fragmentTimeout() {
        let lonely = PacketBuilder.ethernet(PacketBuilder.ipv4([1, 2, 3, 4, 5, 6, 7, 8], identification: 3, moreFragments: true))
        let later = PacketBuilder.ethernet(PacketBuilder.ipv4(PacketBuilder.udp([1]), identification: 4))
        let laterFragment = PacketBuilder.ethernet(PacketBuilder.ipv4([9, 9, 9, 9, 9, 9, 9, 9], identification: 5, moreFragments: true))
        let result = decode([lonely, later, laterFragment], times: [1000, 1010, 1100])
        #expect(result.diagnostics.kept.map(\.code).contains("ip_fragment_timeout"))
        #expect(result.diagnostics.kept.map(\.code).contains("ip_fragment_incomplete"))
    }

    @Test("fragment memory is bounded: past the cap the oldest datagram is dropped")
    func fragmentMemoryBound() {
        var limits = Limits()
        limits.fragmentBufferTotal = 64
        let packets = (0..<4).map { id in
            PacketBuilder.ethernet(PacketBuilder.ipv4(Array(repeating: 1, count: 32), identification: UInt16(id), moreFragments: true))
        }
        let result = decode(packets, limits: limits)
        #expect(result.diagnostics.countsByCode["ip_fragment_memory_limit", default: 0] >= 1)
    }
}

@Suite("Endpoint text")
struct EndpointTextTests {
    @Test("IPv4 addresses and endpoints at the edges of every field's width")
    func ipv4Edges() {
        #expect(IPAddress.v4(0).description == "0.0.0.0")
        #expect(IPAddress.v4(0xFFFF_FFFF).description == "255.255.255.255")
        #expect(IPAddress.v4(0x0A00_0A05).description == "10.0.10.5")
        #expect(Endpoint(address: .v4(0), port: 0).description == "0.0.0.0:0")
        #expect(Endpoint(address: .v4(0xFFFF_FFFF), port: 65535).description == "255.255.255.255:65535")
        #expect(Endpoint(address: .v4(0xC0A8_0164), port: 5061).description == "192.168.1.100:5061")
        #expect(Endpoint(address: .v6(0x2001_0db8_0000_0000, 1), port: 5060).description == "[2001:db8::1]:5060")
    }

    @Test("an IPv4 endpoint's text is its octets and port in decimal, every octet value in every place")
    func ipv4EveryOctet() {
        for place in 0..<4 {
            for octet in UInt32(0)...255 {
                for port: UInt16 in [0, 7, 80, 443, 5061, 65535] {
                    var octets: [UInt32] = [10, 0, 1, 2]
                    octets[place] = octet
                    let value = octets.reduce(0) { $0 << 8 | $1 }
                    #expect(Endpoint(address: .v4(value), port: port).description
                        == octets.map(String.init).joined(separator: ".") + ":\(port)")
                }
            }
        }
    }
}
