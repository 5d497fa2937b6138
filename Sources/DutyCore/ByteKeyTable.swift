/// An open-addressing hash table keyed by raw UTF-8 bytes. The ingest looks up
/// ids and interned names millions of times a second; keying by bytes means a
/// Swift String is created only the first time a key is seen.
public struct ByteKeyTable<Value> {
    private var slots: [Int32]          // index into entries, -1 = empty
    private var hashes: [UInt64] = []
    private var offsets: [Int32] = []   // key start in arena (UInt32 range is plenty: keys ≤ 1 MiB lines)
    private var lengths: [Int32] = []
    private var arena: [UInt8] = []
    public private(set) var values: [Value] = []
    private var mask: Int

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    public var count: Int { values.count }

    /// The entry index of a key, if present.
    @inlinable public func find(_ key: UnsafeRawBufferPointer) -> Int? {
        find(key, hash: ByteHash.hash(key))
    }

    public func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let e = Int(s[slot])
                if e < 0 { return nil }
                if hashes[e] == hash && keyEquals(e, key) { return e }
                slot = (slot &+ 1) & mask
            }
        }
    }

    private func keyEquals(_ e: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let len = Int(lengths[e])
        guard len == key.count else { return false }
        if len == 0 { return true }
        return arena.withUnsafeBytes { a in
            Platform.equal(a.baseAddress! + Int(offsets[e]), key.baseAddress!, len)
        }
    }

    /// Adds a key known to be absent; returns its entry index.
    @discardableResult
    public mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) -> Int {
        if (values.count + 1) * 10 > slots.count * 7 { grow() }
        let e = values.count
        hashes.append(hash)
        offsets.append(Int32(truncatingIfNeeded: arena.count))
        lengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        values.append(value)
        place(e, hash: hash)
        return e
    }

    public func value(at entry: Int) -> Value { values[entry] }

    public mutating func setValue(_ v: Value, at entry: Int) { values[entry] = v }

    private mutating func place(_ e: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot &+ 1) & mask }
        slots[slot] = Int32(e)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for e in 0..<values.count { place(e, hash: hashes[e]) }
    }
}

/// A fast 64-bit hash over bytes, eight at a time (not for adversaries: keys
/// come from the district's own systems, and a bad spread only costs probes).
public enum ByteHash {
    @inlinable
    public static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        let n = b.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        guard let base = b.baseAddress else { return h }
        while i + 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { w |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift; shift += 8; i += 1 }
            h = (h ^ w) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        h = h &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        return h
    }
}

/// Repeated names (towns, grids, domains, units, categories, operators) are
/// stored once: every snapshot then shares one String's storage.
public struct Interner {
    private var table = ByteKeyTable<String>(capacity: 4096)
    public init() {}
    public var count: Int { table.count }

    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> String {
        let h = ByteHash.hash(bytes)
        if let e = table.find(bytes, hash: h) { return table.value(at: e) }
        let s = String(decoding: bytes, as: UTF8.self)
        table.insert(bytes, hash: h, value: s)
        return s
    }

    public mutating func intern(_ s: String) -> String {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }
}
