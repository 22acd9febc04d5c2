/// A table key whose hash was worked out when the key was made gives a table its bucket
/// through this, instead of through a fresh `Hasher` per lookup.
///
/// `Set` and `Dictionary` ask a key for `_rawHashValue(seed:)` with a seed of their own, so
/// that two tables order the same keys differently (filling one from another in its order
/// would otherwise cluster the probes). The default answer runs the whole SipHash rounds
/// over the key's `hash(into:)` again; for a key that carries a seeded hash already, a
/// mix of that hash with the table's seed serves as well, in a dozen instructions.
public enum PrecomputedHash {
    /// Every bit of `hash` and `seed` reaches every bit of the result (MurmurHash3's
    /// 64-bit finaliser), so the table's low-bit bucket index depends on all of them.
    @inlinable
    public static func bucketHash(_ hash: Int, seed: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: hash) ^ (UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15)
        mixed ^= mixed >> 33
        mixed &*= 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed &*= 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return Int(truncatingIfNeeded: mixed)
    }
}
