import Testing
import Wire

@Suite("PrecomputedHash")
struct PrecomputedHashTests {
    /// Tables index buckets by the low bits, so every input bit must move them.
    @Test("one input bit flipped, in the hash or in the seed, changes about half of the output bits")
    func avalanche() {
        let hashes = [0, 1, -1, 0x1234_5678_9ABC_DEF0, "sip:a0001@contoso.com".hashValue]
        let seeds = [0, 1, 0x7FFF_0000_1234, -42]
        for hash in hashes {
            for seed in seeds {
                let base = UInt64(bitPattern: Int64(PrecomputedHash.bucketHash(hash, seed: seed)))
                for bit in 0..<64 {
                    let flippedHash = UInt64(bitPattern: Int64(PrecomputedHash.bucketHash(hash ^ (1 << bit), seed: seed)))
                    let flippedSeed = UInt64(bitPattern: Int64(PrecomputedHash.bucketHash(hash, seed: seed ^ (1 << bit))))
                    #expect((8...56).contains((base ^ flippedHash).nonzeroBitCount), "hash \(hash) bit \(bit)")
                    #expect((8...56).contains((base ^ flippedSeed).nonzeroBitCount), "seed \(seed) bit \(bit)")
                }
            }
        }
    }

    @Test("keys that carry their hash land in a table's buckets evenly")
    func lowBitsSpread() {
        // 4,096 keys into 256 buckets by the low eight bits, as a table of that size would.
        var buckets = [Int](repeating: 0, count: 256)
        for number in 0..<4_096 {
            buckets[PrecomputedHash.bucketHash("call-\(number)".hashValue, seed: 12_345) & 0xFF] += 1
        }
        #expect(buckets.max()! < 40 && buckets.min()! > 0)
    }
}
