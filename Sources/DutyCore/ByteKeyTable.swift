/// An open-addressing hash table keyed by raw UTF-8 bytes. The ingest looks up
/// ids and interned names millions of times a second; keying by bytes means a
/// Swift String is created only the first time a key is seen.
public struct ByteKeyTable<Value> {
    private var slots: [Int32]          // index into entries, -1 = empty
    private var hashes: [UInt64] = []
    private var offsets: [Int] = []     // key start in arena
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
        offsets.append(arena.count)
        lengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        values.append(value)
        place(e, hash: hash)
        return e
    }

    public func value(at entry: Int) -> Value { values[entry] }

    /// The key of an entry, as a String (made on demand: keys are held as bytes).
    public func key(at entry: Int) -> String {
        let start = Int(offsets[entry]), len = Int(lengths[entry])
        return arena.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[start..<(start + len)]), as: UTF8.self) }
    }

    /// Mutates an entry's value in place (no copy of a value that is an array).
    @inline(__always)
    public mutating func modifyValue<R>(at entry: Int, _ body: (inout Value) -> R) -> R { body(&values[entry]) }

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

/// A symbol: a string held once in a `TextTable`. 0 means "absent", so an
/// optional text costs no more than a required one.
public struct Sym: Hashable, Sendable, Comparable {
    public let raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    public static let none = Sym(raw: 0)
    public var isNone: Bool { raw == 0 }
    public static func < (a: Sym, b: Sym) -> Bool { a.raw < b.raw }
}

/// Every string the store holds — names, titles, notes — interned once as
/// bytes. Snapshots then carry 4-byte symbols instead of Strings: they stay
/// plain data (copied without reference counting), a year of feeds fits in a
/// few hundred megabytes, and two snapshots compare field by field as integers.
/// Strings are made only for what is shown or written.
public final class TextTable: @unchecked Sendable {
    private var table = ByteKeyTable<Void>(capacity: 1 << 14)
    public init() {}

    /// Distinct strings held.
    public var count: Int { table.count }

    @inline(__always)
    public func intern(_ bytes: UnsafeRawBufferPointer) -> Sym {
        let h = ByteHash.hash(bytes)
        if let e = table.find(bytes, hash: h) { return Sym(raw: UInt32(e + 1)) }
        return Sym(raw: UInt32(table.insert(bytes, hash: h, value: ()) + 1))
    }

    public func intern(_ s: String) -> Sym {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    public func intern(_ s: String?) -> Sym { s.map { intern($0) } ?? .none }

    /// The symbol of a string already held, without adding it.
    public func find(_ s: String) -> Sym? {
        var s = s
        return s.withUTF8 { b in table.find(UnsafeRawBufferPointer(b)).map { Sym(raw: UInt32($0 + 1)) } }
    }

    public func text(_ sym: Sym) -> String {
        sym.isNone ? "" : table.key(at: Int(sym.raw) - 1)
    }

    public func optionalText(_ sym: Sym) -> String? {
        sym.isNone ? nil : table.key(at: Int(sym.raw) - 1)
    }
}
