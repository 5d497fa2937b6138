/// Every string the store holds — names, titles, notes — interned once as
/// bytes. Snapshots then carry 4-byte symbols instead of Strings: they stay
/// plain data (copied without reference counting), a year of feeds fits in a
/// few hundred megabytes, and two snapshots compare field by field as integers.
/// Strings are made only for what is shown or written.
// @unchecked Sendable: its store's queue interns (one at a time); texts once held never move, so shared copies read safely.
public final class TextTable: @unchecked Sendable {
    /// Unchecked exclusivity: used from one queue, never in overlapping accesses (a check per new name otherwise).
    @exclusivity(unchecked) private var table = ByteKeyTable<Void>(capacity: 1 << 14)
    /// Free text (notes, details, ids of other items) is appended here without
    /// a hash lookup: it rarely repeats, and probing a big table for every
    /// note costs more than the bytes it would save.
    private let free = FreeTextArena()
    static let freeBit: UInt32 = 1 << 31

    /// A direct-mapped cache in front of the table for names of up to 32
    /// bytes (nine in ten interned texts): the key's bytes sit in the entry
    /// as four words, so a hit costs two multiplies and one cache line,
    /// against a full hash, a probe and two more lines for the table.
    private struct CacheEntry {
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
        var length: UInt32 = 0   // 0: empty (empty texts are never interned here)
        var sym: UInt32 = 0
    }
    private static let cacheBits = 12
    private let cache: UnsafeMutablePointer<CacheEntry>

    /// A second, smaller cache for names of 33 to 64 bytes (unit names such
    /// as 锦屏街道综合行政执法中队 are 36, and one line in five has one):
    /// eight words a key, so a hit needs no hash of the whole name, no probe
    /// and no comparison of bytes kept elsewhere.
    private struct LongEntry {
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var length: UInt32 = 0
        var sym: UInt32 = 0
    }
    private static let longCacheBits = 9
    private let longCache: UnsafeMutablePointer<LongEntry>

    public init() {
        cache = .allocate(capacity: 1 << Self.cacheBits)
        cache.initialize(repeating: CacheEntry(), count: 1 << Self.cacheBits)
        longCache = .allocate(capacity: 1 << Self.longCacheBits)
        longCache.initialize(repeating: LongEntry(), count: 1 << Self.longCacheBits)
    }

    deinit {
        cache.deallocate()
        longCache.deallocate()
    }

    /// Distinct interned strings plus free texts held.
    public var count: Int { table.count + free.count }

    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer) -> TextID {
        let n = bytes.count
        guard n >= 1 && n <= 32 else { return n > 32 && n <= 64 ? internLong(bytes) : internInTable(bytes) }
        // Words that together cover every byte: [0,8), [8,16), [16,24) as
        // far as the text reaches, and the last eight (overlapping).
        let p = bytes.baseAddress!
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
        if n >= 8 {
            a = p.loadUnaligned(as: UInt64.self)
            d = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            if n > 16 { b = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
            if n > 24 { c = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) }
        } else {
            a = ByteHash.smallWord(p, n)
        }
        let h = (a &* 0x9E37_79B9_7F4A_7C15) ^ (d &* 0xC2B2_AE3D_27D4_EB4F) ^ (b &+ c) ^ UInt64(n)
        let e = cache + Int(truncatingIfNeeded: (h &* 0xFF51_AFD7_ED55_8CCD) >> UInt64(64 - Self.cacheBits))
        if e.pointee.length == UInt32(n) && e.pointee.a == a && e.pointee.d == d
            && e.pointee.b == b && e.pointee.c == c {
            return TextID(raw: e.pointee.sym)
        }
        let sym = internInTable(bytes)
        e.pointee = CacheEntry(a: a, b: b, c: c, d: d, length: UInt32(n), sym: sym.raw)
        return sym
    }

    /// `intern` for 33 to 64 bytes, through the long cache.
    private func internLong(_ bytes: UnsafeRawBufferPointer) -> TextID {
        let n = bytes.count, p = bytes.baseAddress!
        // Every whole word from the start, then the last eight bytes
        // (overlapping); the slots beyond stay zero.
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let whole = (n - 1) >> 3   // 4...7 words before the last
        withUnsafeMutableBytes(of: &w) { out in
            for k in 0..<whole {
                out.storeBytes(of: p.loadUnaligned(fromByteOffset: k << 3, as: UInt64.self), toByteOffset: k << 3, as: UInt64.self)
            }
            out.storeBytes(of: p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: whole << 3, as: UInt64.self)
        }
        let h = (w.0 &* 0x9E37_79B9_7F4A_7C15) ^ (w.4 &* 0xC2B2_AE3D_27D4_EB4F) ^ (w.1 &+ w.2 &+ w.3 &+ w.5 &+ w.6 &+ w.7)
            ^ UInt64(n)
        let e = longCache + Int(truncatingIfNeeded: (h &* 0xFF51_AFD7_ED55_8CCD) >> UInt64(64 - Self.longCacheBits))
        let c = e.pointee
        if c.length == UInt32(n) && c.w.0 == w.0 && c.w.1 == w.1 && c.w.2 == w.2 && c.w.3 == w.3
            && c.w.4 == w.4 && c.w.5 == w.5 && c.w.6 == w.6 && c.w.7 == w.7 {
            return TextID(raw: c.sym)
        }
        let sym = internInTable(bytes)
        e.pointee = LongEntry(w: w, length: UInt32(n), sym: sym.raw)
        return sym
    }

    private func internInTable(_ bytes: UnsafeRawBufferPointer) -> TextID {
        let h = ByteHash.hash(bytes)
        if let e = table.lookup(bytes, hash: h) { return TextID(raw: UInt32(e + 1)) }
        return TextID(raw: UInt32(table.insert(bytes, hash: h, value: ()) + 1))
    }

    public func intern(_ s: String) -> TextID {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    public func intern(_ s: String?) -> TextID { s.map { intern($0) } ?? .none }

    /// Holds a free text without looking for an equal one.
    @inline(__always)
    func store(_ bytes: UnsafeRawBufferPointer) -> TextID {
        TextID(raw: Self.freeBit | free.append(bytes))
    }

    public func store(_ s: String?) -> TextID {
        guard var s else { return .none }
        return s.withUTF8 { store(UnsafeRawBufferPointer($0)) }
    }

    /// The symbol of a string already interned, without adding it.
    public func find(_ s: String) -> TextID? {
        var s = s
        return s.withUTF8 { b in table.find(UnsafeRawBufferPointer(b)).map { TextID(raw: UInt32($0 + 1)) } }
    }

    /// The bytes of a text, valid during `body`.
    public func withBytes<R>(_ sym: TextID, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if sym.isNone { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if sym.raw & Self.freeBit == 0 { return table.withKey(at: Int(sym.raw) - 1, body) }
        return body(free.bytes(sym.raw & ~Self.freeBit))
    }

    public func text(_ sym: TextID) -> String {
        sym.isNone ? "" : withBytes(sym) { String(decoding: $0, as: UTF8.self) }
    }

    public func optionalText(_ sym: TextID) -> String? { sym.isNone ? nil : text(sym) }

    /// Whether two symbols hold the same text (free texts are not unique).
    public func same(_ a: TextID, _ b: TextID) -> Bool {
        if a == b { return true }
        if a.isNone || b.isNone || (a.raw & Self.freeBit == 0 && b.raw & Self.freeBit == 0) { return false }
        return withBytes(a) { x in withBytes(b) { y in Platform.equal(x, y) } }
    }
}
