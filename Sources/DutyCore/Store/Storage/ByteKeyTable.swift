/// An open-addressing hash table keyed by raw UTF-8 bytes. The ingest looks up
/// ids and interned texts millions of times a second; keying by bytes means a
/// Swift String is never created to look something up. Each slot packs the
/// hash's high half with the entry number, so a probe touches one cache line;
/// each entry holds its key's first sixteen bytes, so comparing an id (ids
/// are short) touches one more and never the key store. Copies share their
/// slots (`HashSlots`: a copy sees only its own entries in them) and their
/// pages (values, written at random, in small pages): a replay checkpoint
/// costs what changes after it, not a copy of the table.
/// Internal: a hot-path building block of the store and the text table.
struct ByteKeyTable<Value: Sendable>: Sendable {
    /// 0 = empty; else hash high 32 bits << 32 | (entry + 1). A slot holding
    /// an entry ≥ `count` is empty for this copy.
    private var slots: HashSlots
    /// An entry's key: its first sixteen bytes as two words (zero-padded),
    /// its length, and where the whole key lies when it is longer.
    struct Key: Sendable {
        var a: UInt64
        var b: UInt64
        var meta: UInt64   // long-key reference << 24 | length
    }
    private var keys = PagedArray<Key>()
    private var long = PagedBytes()
    private var values = PagedArray<Value>(pageShift: 10)
    private var mask: Int
    /// A key's first slot is its hash's top bits (`hash >> shift`), which a
    /// slot keeps: growing reads the old slots in order and writes the new
    /// ones nearly in order, with no key hashed again (`grow`).
    private var shift: Int

    /// Keys are at most this long (the length's 24 bits; feed lines are at most 1 MiB).
    static var maxKeyLength: Int { (1 << 24) - 1 }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = HashSlots(size: size)
        mask = size - 1
        shift = 64 - size.trailingZeroBitCount
    }

    var count: Int { values.count }

    /// The entry index of a key, if present.
    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        find(key, hash: ByteHash.hash(key))
    }

    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let tag = hash >> 32
        let (a, b) = ByteHash.firstWords(key)
        let s = slots.base, limit = UInt64(values.count)
        var slot = Int(truncatingIfNeeded: hash >> UInt64(shift))
        while true {
            let v = s[slot]
            // Empty (0 wraps to the largest), or another copy's later entry.
            let e = (v & 0xFFFF_FFFF) &- 1
            if e >= limit { return nil }
            if v >> 32 == tag && keyEquals(Int(e), key, a, b) { return Int(e) }
            slot = (slot &+ 1) & mask
        }
    }

    /// `find`, for a table reached through a class's array of tables: being
    /// mutating, the call works on the table in place, where a non-mutating
    /// call copies it first (a retain and release of each of its arrays).
    @inline(__always)
    mutating func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
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
    mutating func prefetch(hash: UInt64) {
        let slot = Int(truncatingIfNeeded: hash >> UInt64(shift))
        Platform.prefetch(slots.base + slot)
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
    mutating func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: Value) -> Int {
        precondition(key.count <= Self.maxKeyLength, "key too long")
        if (values.count + 1) * 10 > slots.size * 7 { grow() }
        let e = values.count
        let (a, b) = ByteHash.firstWords(key)
        let ref = key.count > 16 ? long.append(key) : 0
        keys.append(Key(a: a, b: b, meta: ref << 24 | UInt64(key.count)))
        values.append(value)
        place(e, hash: hash)
        return e
    }

    func value(at entry: Int) -> Value { values[entry] }

    /// `value(at:)` in place, for the same reason as `lookup`.
    @inline(__always)
    mutating func valueInPlace(at entry: Int) -> Value { values[entry] }

    /// The key of an entry, as a String (made on demand: keys are held as bytes).
    func key(at entry: Int) -> String {
        withKey(at: entry) { String(decoding: $0, as: UTF8.self) }
    }

    /// The key's bytes, valid during `body`.
    func withKey<R>(at entry: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let k = keys[entry]
        let len = Int(k.meta & 0xFF_FFFF)
        if len > 16 { return long.withBytes(k.meta >> 24, count: len, body) }
        var words = (k.a, k.b)
        return withUnsafeBytes(of: &words) { body(UnsafeRawBufferPointer(rebasing: $0[0..<len])) }
    }

    /// Mutates an entry's value in place.
    @inline(__always)
    mutating func modifyValue<R>(at entry: Int, _ body: (inout Value) -> R) -> R { body(&values[entry]) }

    mutating func setValue(_ v: Value, at entry: Int) { values[entry] = v }

    /// Cuts the tail pages of keys and values to what they hold: for a copy
    /// kept as a replay checkpoint (`PagedArray.trimTail`).
    mutating func trimTails() {
        keys.trimTail()
        long.trimTail()
        values.trimTail()
    }

    /// Files entry `e` (the newest) in the first slot empty for this copy.
    private mutating func place(_ e: Int, hash: UInt64) {
        let mine = (hash >> 32) << 32 | UInt64(e + 1)
        var slot = Int(truncatingIfNeeded: hash >> UInt64(shift))
        while true {
            let v = slots.base[slot]
            if (v & 0xFFFF_FFFF) &- 1 >= UInt64(e) {
                // Already there: the history this copy follows made the same insert.
                if v == mine { return }
                if v == 0 && slots.filled <= e {
                    slots.base[slot] = mine
                    slots.filled = e + 1
                    return
                }
                // Another copy went on differently from here: take slots of our own.
                unshare(count: e)
                continue
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Slots of this copy's own (entries from `count` on emptied), copied
    /// unless no other copy holds them.
    @inline(never)
    private mutating func unshare(count: Int) {
        if isKnownUniquelyReferenced(&slots) {
            let limit = UInt64(count)
            for i in 0..<slots.size where (slots.base[i] & 0xFFFF_FFFF) &- 1 >= limit { slots.base[i] = 0 }
            slots.filled = count
        } else {
            slots = HashSlots(copying: slots, count: count)
        }
    }

    /// Doubles the slots. Why not reinsert every key: at millions of
    /// entries that is a hash and a cache miss per key at a random place
    /// (a tenth of a ten-million-record load). A key's first slot is its
    /// hash's top bits, and the slot keeps them (the top half of its value),
    /// so an old slot's entry goes to the new slot twice its index or next
    /// to it: the old slots are read in order and the new ones written
    /// nearly in order. Any order of placing gives a valid table (each
    /// entry is on its probe path from its first slot), and no other copy
    /// shares the new slots, so they need not be filled in entry order.
    private mutating func grow() {
        let old = slots, limit = UInt64(values.count)
        let size = old.size * 2
        precondition(size <= 1 << 32, "slot index beyond the hash's top half")
        let grown = HashSlots(size: size)
        let newMask = size - 1, newShift = shift - 1
        let from = old.base, to = grown.base
        for i in 0..<old.size {
            let v = from[i]
            // Empty (0 wraps to the largest), or another copy's later entry.
            guard (v & 0xFFFF_FFFF) &- 1 < limit else { continue }
            var slot = Int(truncatingIfNeeded: v >> UInt64(newShift))
            while to[slot] != 0 { slot = (slot &+ 1) & newMask }
            to[slot] = v
        }
        grown.filled = values.count
        slots = grown
        mask = newMask
        shift = newShift
    }
}
