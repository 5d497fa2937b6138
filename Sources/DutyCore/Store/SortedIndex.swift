/// One entry of a sorted index: a sort key and the item it points at (an
/// index into the store's items of one kind), which also breaks ties.
/// Sixteen bytes: a year of events is a few megabytes of these.
public struct IndexEntry: Comparable, Sendable {
    public var key: Int64
    public var item: Int32

    public init(key: Int64, item: Int32) { self.key = key; self.item = item }

    public static func < (a: IndexEntry, b: IndexEntry) -> Bool {
        a.key != b.key ? a.key < b.key : a.item < b.item
    }
}

/// A sorted multiset kept as a list of small sorted chunks: insert and remove
/// cost a binary search plus a move of at most one chunk, and rank queries
/// ("how many before this key", "the rows from rank r") need no scan of the
/// elements. Panes read their visible rows from it; the store never rescans.
public struct SortedIndex: Sendable {
    private static let chunkLimit = 512
    private var chunks: [[IndexEntry]] = []
    /// The last (largest) entry of each chunk, kept beside the chunks so the
    /// search for a chunk reads one contiguous array instead of following a
    /// pointer per step.
    private var maxima: [IndexEntry] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The chunk that holds (or would hold) `e`.
    private func chunkIndex(for e: IndexEntry) -> Int {
        maxima.withUnsafeBufferPointer { m in
            var lo = 0, hi = m.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if m[mid] < e { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    private static func lowerBound(_ a: [IndexEntry], _ e: IndexEntry) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < e { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    public mutating func insert(_ e: IndexEntry) {
        count += 1
        guard let top = maxima.last else { chunks.append([e]); maxima.append(e); return }
        if !(e < top) {
            // Appending in order, as feeds mostly do: no search, and a full
            // last chunk starts a new one instead of splitting.
            let c = chunks.count - 1
            if chunks[c].count >= Self.chunkLimit {
                // A chunk started at the end fills up in order: room for all of it at once.
                var chunk: [IndexEntry] = []
                chunk.reserveCapacity(Self.chunkLimit)
                chunk.append(e)
                chunks.append(chunk); maxima.append(e)
            } else {
                chunks[c].append(e); maxima[c] = e
            }
            return
        }
        let c = chunkIndex(for: e)
        let pos = Self.lowerBound(chunks[c], e)
        chunks[c].insert(e, at: pos)
        if chunks[c].count > Self.chunkLimit {
            let half = chunks[c].count / 2
            let tail = Array(chunks[c][half...])
            chunks[c].removeSubrange(half...)
            chunks.insert(tail, at: c + 1)
            maxima[c] = chunks[c][half - 1]
            maxima.insert(tail[tail.count - 1], at: c + 1)
        }
    }

    /// Removes one entry equal to `e`; returns false when absent.
    @discardableResult
    public mutating func remove(_ e: IndexEntry) -> Bool {
        guard !chunks.isEmpty else { return false }
        let c = chunkIndex(for: e)
        let pos = Self.lowerBound(chunks[c], e)
        guard pos < chunks[c].count, chunks[c][pos] == e else { return false }
        chunks[c].remove(at: pos)
        count -= 1
        if chunks[c].isEmpty {
            chunks.remove(at: c); maxima.remove(at: c)
        } else if pos == chunks[c].count {
            maxima[c] = chunks[c][pos - 1]
        }
        return true
    }

    /// The position of an entry in ascending order, if present.
    public func rank(of e: IndexEntry) -> Int? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: e)
        let pos = Self.lowerBound(chunks[c], e)
        guard pos < chunks[c].count, chunks[c][pos] == e else { return nil }
        var before = 0
        for i in 0..<c { before += chunks[i].count }
        return before + pos
    }

    /// How many entries have `key` < `bound`.
    public func count(below bound: Int64) -> Int {
        var n = 0
        for (c, chunk) in chunks.enumerated() {
            if maxima[c].key < bound { n += chunk.count; continue }
            var lo = 0, hi = chunk.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if chunk[mid].key < bound { lo = mid + 1 } else { hi = mid }
            }
            return n + lo
        }
        return n
    }

    /// Up to `limit` entries starting at `rank` (0 = smallest), or from the
    /// largest downwards when `descending` (rank 0 = largest).
    public func entries(from rank: Int, limit: Int, descending: Bool = false) -> [IndexEntry] {
        guard rank >= 0, rank < count, limit > 0 else { return [] }
        var out: [IndexEntry] = []
        out.reserveCapacity(min(limit, count - rank))
        if !descending {
            var skip = rank
            for chunk in chunks {
                if skip >= chunk.count { skip -= chunk.count; continue }
                for e in chunk[skip...] { out.append(e); if out.count == limit { return out } }
                skip = 0
            }
        } else {
            var skip = rank
            for chunk in chunks.reversed() {
                if skip >= chunk.count { skip -= chunk.count; continue }
                for e in chunk[..<(chunk.count - skip)].reversed() {
                    out.append(e); if out.count == limit { return out }
                }
                skip = 0
            }
        }
        return out
    }

    /// How many entries have a key in `range`.
    public func count(in range: Range<Int64>) -> Int {
        count(below: range.upperBound) - count(below: range.lowerBound)
    }

    /// The entries with a key in `range`, ascending (or descending).
    public func entries(in range: Range<Int64>, descending: Bool = false) -> [IndexEntry] {
        let low = count(below: range.lowerBound), high = count(below: range.upperBound)
        guard high > low else { return [] }
        return entries(from: descending ? count - high : low, limit: high - low, descending: descending)
    }

    /// All entries in order (for tests and one-shot reports, not for panes).
    public var all: [IndexEntry] { chunks.flatMap { $0 } }
}
