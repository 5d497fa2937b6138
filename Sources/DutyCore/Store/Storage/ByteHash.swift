/// A fast 64-bit hash over bytes, eight at a time (not for adversaries: keys
/// come from the district's own systems, and a bad spread only costs probes).
/// Internal: the store's and the parser's, not an API.
enum ByteHash {
    /// The first sixteen bytes as two little-endian words, zero-padded:
    /// short keys (ids, wire names) compare as two integers.
    @inline(__always)
    static func firstWords(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let n = key.count
        guard n > 0, let p = key.baseAddress else { return (0, 0) }
        if n >= 16 {
            return (p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        if n >= 8 {
            // The second word from an overlapping load, shifted down to drop the overlap.
            let tail = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            return (p.loadUnaligned(as: UInt64.self), n == 8 ? 0 : tail >> UInt64((16 - n) * 8))
        }
        return (smallWord(p, n), 0)
    }

    /// Bytes p[0..<n], 1 ≤ n ≤ 7, as a little-endian word (zero-padded),
    /// from overlapping loads instead of a loop: enum values such as
    /// "open" or "task" are this short, several times a line.
    @inline(__always)
    static func smallWord(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        if n >= 4 {
            let lo = UInt64(p.loadUnaligned(as: UInt32.self))
            let hi = UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return lo | hi << UInt64((n - 4) * 8)
        }
        let a = UInt64(p.load(as: UInt8.self))
        let b = UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self))
        let c = UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
        return a | b << UInt64((n >> 1) * 8) | c << UInt64((n - 1) * 8)
    }

    static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        let n = b.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        guard let base = b.baseAddress, n > 0 else { return h }
        var i = 0
        while i + 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            // The tail: an overlapping load when the key is long enough.
            let w: UInt64
            if n >= 8 {
                w = base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                w = UInt64(base.loadUnaligned(as: UInt32.self)) << 32
                    | UInt64(base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            } else {
                var t: UInt64 = 0
                for j in 0..<n { t = t << 8 | UInt64(base.load(fromByteOffset: j, as: UInt8.self)) }
                w = t
            }
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h
    }
}
