/// The distinct unknown keys of one line, for refusing a key that appears
/// twice. Linear in the number of keys: a few are compared one by one (most
/// lines have none or one or two), and past `linearLimit` a hash table of
/// their indexes takes over, so a 1 MiB line of 96,000 distinct short keys
/// costs milliseconds instead of the seconds a pairwise search took.
/// The keys' bytes are copied into one arena: no allocation per key.
struct KeySet {
    /// Keys compared one by one before the hash table is built.
    static let linearLimit = 8

    /// Every key's bytes, one after another.
    private var arena: [UInt8] = []
    /// Key i is `arena[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private var ends: [Int32] = []
    private var hashes: [UInt64] = []
    /// Open addressing: key index + 1, or 0 for an empty slot. Empty until
    /// there are more than `linearLimit` keys.
    private var slots: [Int32] = []

    /// Keys looked at (compared or probed) since the set was made: a test
    /// checks the work stays linear in the number of keys.
    private(set) var looks = 0

    var isEmpty: Bool { ends.isEmpty }
    var count: Int { ends.count }

    mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        // A table a long line grew is not kept for the next: clearing it
        // would cost every following line.
        if !slots.isEmpty { slots = [] }
    }

    /// Adds `key`; false when it is already held.
    mutating func insert(_ key: UnsafeRawBufferPointer) -> Bool {
        let h = ByteHash.hash(key)
        if slots.isEmpty {
            looks &+= ends.count
            for i in 0..<ends.count where hashes[i] == h && equal(i, key) { return false }
        } else {
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = Int(slots[s])
                if e == 0 { break }
                looks &+= 1
                if hashes[e - 1] == h && equal(e - 1, key) { return false }
                s = (s + 1) & mask
            }
        }
        arena.append(contentsOf: key)
        ends.append(Int32(truncatingIfNeeded: arena.count))
        hashes.append(h)
        if slots.isEmpty {
            if ends.count > Self.linearLimit { rebuild(capacity: 64) }
        } else if ends.count * 2 > slots.count {
            rebuild(capacity: slots.count * 2)
        } else {
            place(ends.count - 1)
        }
        return true
    }

    private func equal(_ i: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = i == 0 ? 0 : Int(ends[i - 1]), end = Int(ends[i])
        guard end - start == key.count else { return false }
        return arena.withUnsafeBytes { a in
            key.count == 0 || Platform.equal(UnsafeRawBufferPointer(rebasing: a[start..<end]), key)
        }
    }

    private mutating func rebuild(capacity: Int) {
        slots = [Int32](repeating: 0, count: capacity)
        for i in 0..<ends.count { place(i) }
    }

    private mutating func place(_ i: Int) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: hashes[i]) & mask
        while slots[s] != 0 { s = (s + 1) & mask }
        slots[s] = Int32(truncatingIfNeeded: i + 1)
    }
}
