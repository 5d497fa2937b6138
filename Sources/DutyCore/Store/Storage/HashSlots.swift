/// The slot array of a `ByteKeyTable`, shared by the table's copies.
///
/// Why shared: a hash table's slots are written at random (a new key lands
/// anywhere), so a copied-on-write array would be copied whole by the first
/// insert after every replay checkpoint. But slots are only ever filled,
/// never moved (linear probing, no deletion; cleared only by a copy that
/// holds the buffer alone, `ByteKeyTable.unshare`), and entries are
/// numbered in insertion order: a copy holding `count` entries sees exactly
/// its own table if it treats every slot holding an entry ≥ `count` as empty
/// (such a slot was empty when the copy was made, so no key of the copy lies
/// beyond it on a probe). All copies of one table are prefixes of one history
/// of inserts; the buffer remembers how far that history reaches (`filled`).
/// A copy at the frontier writes in place; a copy behind it that inserts the
/// very key the history inserted next (a replay played on from a checkpoint)
/// finds the slot already holding it and writes nothing; a copy that
/// diverges takes a private copy first.
// @unchecked Sendable: the copies that share a buffer are used on one thread at a time (see `Store.copy`).
final class HashSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt64>
    let size: Int
    /// Entries inserted so far along this buffer's history: every copy
    /// sharing it holds at most this many.
    var filled = 0

    init(size: Int) {
        self.size = size
        base = .allocate(capacity: size)
        base.initialize(repeating: 0, count: size)
    }

    /// A private copy for a table holding `count` entries: slots of entries
    /// beyond it are emptied.
    init(copying other: HashSlots, count: Int) {
        size = other.size
        base = .allocate(capacity: size)
        let limit = UInt64(count)
        for i in 0..<size {
            let v = other.base[i]
            base[i] = (v & 0xFFFF_FFFF) &- 1 < limit ? v : 0
        }
        filled = count
    }

    deinit { base.deallocate() }
}
