/// An open-addressing hash table keyed by raw UTF-8 bytes. The ingest looks up
/// ids and interned texts millions of times a second; keying by bytes means a
/// Swift String is never created to look something up. Each slot packs the
/// hash's high half with the entry number, so a probe touches one cache line;
/// each entry holds its key's first sixteen bytes, so comparing an id (ids
/// are short) touches one more and never the key store.
public struct ByteKeyTable<Value: Sendable>: Sendable {
    private var slots: [UInt64]         // 0 = empty; else hash high 32 bits << 32 | (entry + 1)
    /// An entry's key: its first sixteen bytes as two words (zero-padded),
    /// its length, and where the whole key lies when it is longer.
    struct Key: Sendable {
        var a: UInt64
        var b: UInt64
        var meta: UInt64   // long-key reference << 24 | length
    }
    private var keys = PagedArray<Key>()
    private var long = PagedBytes()
    private var values = PagedArray<Value>()
    private var mask: Int

    /// Keys are at most this long (the length's 24 bits; feed lines are at most 1 MiB).
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
        let (a, b) = ByteHash.firstWords(key)
        return slots.withUnsafeBufferPointer { s in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let v = s[slot]
                if v == 0 { return nil }
                if v >> 32 == tag {
                    let e = Int(v & 0xFFFF_FFFF) - 1
                    if keyEquals(e, key, a, b) { return e }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// `find`, for a table reached through a class's array of tables: being
    /// mutating, the call works on the table in place, where a non-mutating
    /// call copies it first (a retain and release of each of its arrays).
    @inline(__always)
    public mutating func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        find(key, hash: hash)
    }

    /// Starts loading the slot where a lookup of `hash` begins, so a lookup a
    /// little later finds it in cache (a new item's id misses every cache:
    /// the table is megabytes and ids are spread over it by design).
    /// Mutating, so that Swift reaches the table in place (a non-mutating
    /// call on a table held in a class's array copies it: a retain and
    /// release of each of its arrays around a one-instruction prefetch);
    /// but a read of the slots inside, so there is no uniqueness check.
    @inline(__always)
    public mutating func prefetch(hash: UInt64) {
        let slot = Int(truncatingIfNeeded: hash) & mask
        slots.withUnsafeBufferPointer { Platform.prefetch($0.baseAddress! + slot) }
    }

    @inline(__always)
    private func keyEquals(_ e: Int, _ key: UnsafeRawBufferPointer, _ a: UInt64, _ b: UInt64) -> Bool {
        let k = keys[e]
        let len = Int(k.meta & 0xFF_FFFF)
        guard len == key.count, k.a == a, k.b == b else { return false }
        if len <= 16 { return true }
        return long.withBytes(k.meta >> 24, count: len) { Platform.equal($0, key) }
    }

    /// Adds a key known to be absent; returns its entry index.
    @discardableResult
    public mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) -> Int {
        precondition(key.count <= Self.maxKeyLength, "key too long")
        if (values.count + 1) * 10 > slots.count * 7 { grow() }
        let e = values.count
        let (a, b) = ByteHash.firstWords(key)
        let ref = key.count > 16 ? long.append(key) : 0
        keys.append(Key(a: a, b: b, meta: ref << 24 | UInt64(key.count)))
        values.append(value)
        place(e, hash: hash)
        return e
    }

    public func value(at entry: Int) -> Value { values[entry] }

    /// `value(at:)` in place, for the same reason as `lookup`.
    @inline(__always)
    public mutating func valueInPlace(at entry: Int) -> Value { values[entry] }

    /// The key of an entry, as a String (made on demand: keys are held as bytes).
    public func key(at entry: Int) -> String {
        withKey(at: entry) { String(decoding: $0, as: UTF8.self) }
    }

    /// The key's bytes, valid during `body`.
    public func withKey<R>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let k = keys[entry]
        let len = Int(k.meta & 0xFF_FFFF)
        if len > 16 { return long.withBytes(k.meta >> 24, count: len, body) }
        var words = (k.a, k.b)
        return withUnsafeBytes(of: &words) { body(UnsafeRawBufferPointer(rebasing: $0[0..<len])) }
    }

    /// Mutates an entry's value in place.
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
    /// The first sixteen bytes as two little-endian words, zero-padded:
    /// short keys (ids, wire names) compare as two integers.
    @inline(__always)
    public static func firstWords(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
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
    public static func smallWord(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
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
