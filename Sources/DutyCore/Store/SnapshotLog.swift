/// Every snapshot the store holds, in the order ingested, each with the index
/// of the same item's previous snapshot in time.
///
/// Why pages (`PagedArray`) and not one array: a growing array is copied each
/// time it doubles (a year of feeds is 64 MB of snapshots, so the ingest would
/// copy and fault in twice what it keeps), and a replay checkpoint that
/// shares the log would copy all of it on the first append. Pages never move
/// and are copied on write one at a time.
///
/// Why the link points back: an update appends the item's new snapshot with
/// a link to the latest one, and writes nothing else, so pages once filled
/// are never written again (only a late, out-of-order record relinks an
/// older entry) and every replay checkpoint shares them. The link sits inside
/// the 64-byte entry, so reading a snapshot and its link is one cache line.
struct SnapshotLog: Sendable {
    struct Entry: Sendable {
        var snapshot: CompactSnapshot
        /// The same item's previous snapshot in time, or -1.
        var prev: Int32
    }

    private var entries = PagedArray<Entry>()

    var count: Int { entries.count }

    @inline(__always)
    subscript(i: Int32) -> CompactSnapshot { entries[Int(i)].snapshot }

    @inline(__always)
    func prev(_ i: Int32) -> Int32 { entries[Int(i)].prev }

    /// Relinks an entry to a new predecessor (a late record filed before it).
    mutating func setPrev(_ i: Int32, _ j: Int32) { entries[Int(i)].prev = j }

    /// Cuts the tail page to what it holds (a copy kept as a checkpoint).
    mutating func trimTail() { entries.trimTail() }

    /// Appends a snapshot (with no predecessor unless given); returns its index.
    @inline(__always)
    mutating func append(_ s: CompactSnapshot, prev: Int32 = -1) -> Int32 {
        precondition(entries.count < Int(Int32.max), "more than 2^31 snapshots")
        entries.append(Entry(snapshot: s, prev: prev))
        return Int32(entries.count - 1)
    }

    /// Calls `body` with the indexes of a timeline ending at `last`, oldest
    /// first (collected walking back; histories are short).
    func withTimeline<R>(endingAt last: Int32, _ body: (UnsafeBufferPointer<Int32>) -> R) -> R {
        var n = 0
        var j = last
        while j >= 0 { n += 1; j = prev(j) }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { buffer in
            var j = last
            var k = n
            while j >= 0 { k -= 1; buffer[k] = j; j = prev(j) }
            return body(UnsafeBufferPointer(buffer))
        }
    }
}
