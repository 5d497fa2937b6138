/// Every snapshot the store holds, in the order ingested, each with the index
/// of the same item's next snapshot in time.
///
/// Why pages (`PagedArray`) and not one array: a growing array is copied each
/// time it doubles (a year of feeds is 64 MB of snapshots, so the ingest would
/// copy and fault in twice what it keeps), and a replay checkpoint that
/// shares the log would copy all of it on the first append. Pages never move
/// and are copied on write one at a time.
///
/// Why `next` sits inside the entry: an update reads the item's latest
/// snapshot and then links it to the new one; with the link in the same
/// 64-byte entry that is one cache line, not two.
struct SnapshotLog: Sendable {
    struct Entry: Sendable {
        var snapshot: CompactSnapshot
        /// The same item's next snapshot in time, or -1.
        var next: Int32
    }

    private var entries = PagedArray<Entry>()

    var count: Int { entries.count }

    @inline(__always)
    subscript(i: Int32) -> CompactSnapshot { entries[Int(i)].snapshot }

    @inline(__always)
    func next(_ i: Int32) -> Int32 { entries[Int(i)].next }

    @inline(__always)
    mutating func setNext(_ i: Int32, _ j: Int32) { entries[Int(i)].next = j }

    /// Appends a snapshot (with no successor unless given); returns its index.
    @inline(__always)
    mutating func append(_ s: CompactSnapshot, next: Int32 = -1) -> Int32 {
        precondition(entries.count < Int(Int32.max), "more than 2^31 snapshots")
        entries.append(Entry(snapshot: s, next: next))
        return Int32(entries.count - 1)
    }
}
