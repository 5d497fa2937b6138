/// A hash of a file's first bytes as they were read, fed chunk by chunk
/// (any split gives the same value), so that a feed rewritten in place can
/// be told from one only appended to: `TailedFile` hashes up to `limit`
/// bytes while reading and, whenever the file's mtime moved, hashes the same
/// bytes again from the file and compares. Not a cryptographic hash: it
/// notices accidents and ordinary rewrites (a system regenerating its export
/// with one record changed), not a writer who crafts collisions.
struct PrefixHash: Equatable {
    /// Bytes checked this way at most: a day's feed of the district is about
    /// 0.4 MB, and re-reading 4 MiB from the page cache takes about 1 ms.
    static let limit: Int64 = 4 << 20

    private(set) var length: Int64 = 0
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var pending: UInt64 = 0
    private var pendingCount = 0

    /// Feeds the bytes that follow those fed so far (only up to `limit`).
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        let room = Int(min(Int64(bytes.count), Self.limit - length))
        guard room > 0, let base = bytes.baseAddress else { return }
        length += Int64(room)
        var i = 0
        // Finish a word begun by the last chunk, a byte at a time.
        while pendingCount > 0 && i < room {
            pending |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * pendingCount)
            pendingCount += 1; i += 1
            if pendingCount == 8 { mix(pending); pending = 0; pendingCount = 0 }
        }
        while i + 8 <= room {
            mix(base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        while i < room {
            pending |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * pendingCount)
            pendingCount += 1; i += 1
        }
    }

    /// The hash of everything fed (the length included).
    var value: UInt64 {
        var h = state
        if pendingCount > 0 { h = Self.step(h, pending ^ UInt64(pendingCount)) }
        return Self.step(h, UInt64(bitPattern: length))
    }

    private mutating func mix(_ word: UInt64) { state = Self.step(state, word) }

    @inline(__always) private static func step(_ h: UInt64, _ w: UInt64) -> UInt64 {
        var x = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 32
        return x
    }
}
