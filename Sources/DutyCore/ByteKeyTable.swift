/// An open-addressing hash table keyed by raw UTF-8 bytes. The ingest looks up
/// ids and interned texts millions of times a second; keying by bytes means a
/// Swift String is never created to look something up. Each slot packs the
/// hash's high half with the entry number, so a probe touches one cache line
/// until the key bytes themselves are compared.
public struct ByteKeyTable<Value> {
    private var slots: [UInt64]         // 0 = empty; else hash high 32 bits << 32 | (entry + 1)
    private var keyRefs: [UInt64] = []  // arena offset << 24 | length
    private var arena: [UInt8] = []
    public private(set) var values: [Value] = []
    private var mask: Int
    /// A small direct-mapped cache of recently found entries, same packing as
    /// `slots`. Feeds touch recent items far more than old ones, and this
    /// stays in cache where the big slot array cannot.
    private var recent: [UInt64] = Array(repeating: 0, count: 1 << 12)

    /// Keys are at most this long (feed lines are at most 1 MiB).
    static var maxKeyLength: Int { (1 << 24) - 1 }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    public var count: Int { values.count }

    /// The entry index of a key, if present.
    @inlinable public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        find(key, hash: ByteHash.hash(key))
    }

    public func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let tag = hash >> 32
        let r = recent.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash >> 7) & ((1 << 12) - 1)] }
        if r >> 32 == tag && r != 0 {
            let e = Int(r & 0xFFFF_FFFF) - 1
            if keyEquals(e, key) { return e }
        }
        return slots.withUnsafeBufferPointer { s in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let v = s[slot]
                if v == 0 { return nil }
                if v >> 32 == tag {
                    let e = Int(v & 0xFFFF_FFFF) - 1
                    if keyEquals(e, key) { return e }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Starts loading the slot where a lookup of `hash` begins, so a lookup a
    /// little later finds it in cache (a new item's id misses every cache:
    /// the table is megabytes and ids are spread over it by design).
    /// Mutating only so that a call through an array element works in place
    /// instead of copying the table out (five retains and releases).
    @inline(__always)
    public mutating func prefetch(hash: UInt64) {
        slots.withUnsafeBufferPointer { Platform.prefetch($0.baseAddress! + (Int(truncatingIfNeeded: hash) & mask)) }
    }

    /// Like `find`, and remembers the hit in the recent cache.
    @inline(__always)
    public mutating func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        guard let e = find(key, hash: hash) else { return nil }
        recent[Int(truncatingIfNeeded: hash >> 7) & ((1 << 12) - 1)] = (hash >> 32) << 32 | UInt64(e + 1)
        return e
    }

    @inline(__always)
    private func keyEquals(_ e: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let ref = keyRefs[e]
        let len = Int(ref & 0xFF_FFFF)
        guard len == key.count else { return false }
        if len == 0 { return true }
        return arena.withUnsafeBytes { a in
            Self.bytesEqual(a.baseAddress! + Int(ref >> 24), key.baseAddress!, len)
        }
    }

    /// Equality of two byte runs of length `n`: two overlapping word compares
    /// for the short keys that dominate (ids, names), memcmp beyond.
    @inline(__always)
    static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n >= 8 && n <= 16 {
            return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
                && a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n < 8 {
            for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) {
                return false
            }
            return true
        }
        return Platform.equal(a, b, n)
    }

    /// Adds a key known to be absent; returns its entry index.
    @discardableResult
    public mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) -> Int {
        precondition(key.count <= Self.maxKeyLength, "key too long")
        if (values.count + 1) * 10 > slots.count * 7 { grow() }
        let e = values.count
        keyRefs.append(UInt64(arena.count) << 24 | UInt64(key.count))
        arena.append(contentsOf: key)
        values.append(value)
        place(e, hash: hash)
        recent[Int(truncatingIfNeeded: hash >> 7) & ((1 << 12) - 1)] = (hash >> 32) << 32 | UInt64(e + 1)
        return e
    }

    public func value(at entry: Int) -> Value { values[entry] }

    /// The key of an entry, as a String (made on demand: keys are held as bytes).
    public func key(at entry: Int) -> String {
        withKey(at: entry) { String(decoding: $0, as: UTF8.self) }
    }

    /// The key's bytes, valid during `body`.
    public func withKey<R>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let ref = keyRefs[entry]
        let start = Int(ref >> 24), len = Int(ref & 0xFF_FFFF)
        return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + len)])) }
    }

    /// Mutates an entry's value in place (no copy of a value that is an array).
    @inline(__always)
    public mutating func modifyValue<R>(at entry: Int, _ body: (inout Value) -> R) -> R { body(&values[entry]) }

    public mutating func setValue(_ v: Value, at entry: Int) { values[entry] = v }

    private mutating func place(_ e: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = (hash >> 32) << 32 | UInt64(e + 1)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for e in 0..<values.count {
            let h = withKey(at: e) { ByteHash.hash($0) }
            place(e, hash: h)
        }
    }
}

/// A fast 64-bit hash over bytes, eight at a time (not for adversaries: keys
/// come from the district's own systems, and a bad spread only costs probes).
public enum ByteHash {
    @inlinable
    public static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
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

/// A symbol: a string held once in a `TextTable`. 0 means "absent", so an
/// optional text costs no more than a required one.
public struct Sym: Hashable, Sendable, Comparable {
    public let raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    public static let none = Sym(raw: 0)
    public var isNone: Bool { raw == 0 }
    public static func < (a: Sym, b: Sym) -> Bool { a.raw < b.raw }
}
