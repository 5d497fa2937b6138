/// Puts a recording's entries in replay order: by ts, then microseconds,
/// then arrival (the order lines were read in: files in the order given,
/// each from its start), so that of two copies of one snapshot the first
/// read is kept, as in `stats`.
///
/// Why not a sort: feeds are nearly in time order. A file is one ascending
/// run, or a few (files given out of order, a clock set back), and a few
/// late records sit among their later neighbours. So one pass splits the
/// entries into ascending runs and sets the late ones aside; only those are
/// sorted, then runs and late ones are merged through a heap. Sorted input
/// costs one comparison per entry and no copy; a shuffled one degrades to a
/// sort of its late ones and a merge, still O(n log n).
enum RecordingOrder {
    /// How many entries after a step down are looked at to tell a new run
    /// (they stay below where the run was) from a late record (they do not).
    static let lookahead = 8

    /// (ts, microseconds, arrival) as two words, compared in that order.
    struct Key: Comparable {
        var ts: Int64
        var rest: UInt64

        @inline(__always)
        init(_ e: Recording.Entry, _ index: Int) {
            ts = e.ts
            rest = UInt64(e.micros) << 32 | UInt64(UInt32(index))
        }

        @inline(__always)
        static func < (a: Key, b: Key) -> Bool { a.ts != b.ts ? a.ts < b.ts : a.rest < b.rest }
        var index: Int { Int(rest & 0xFFFF_FFFF) }
    }

    @inline(__always)
    static func below(_ a: Recording.Entry, _ b: Recording.Entry) -> Bool {
        a.ts != b.ts ? a.ts < b.ts : a.micros < b.micros
    }

    /// `entries` (in arrival order) in replay order.
    static func sorted(_ entries: [Recording.Entry]) -> [Recording.Entry] {
        let n = entries.count
        guard n > 1 else { return entries }
        precondition(n < Int(UInt32.max), "more than 2^32 records")
        var runs: [Range<Int>] = []
        var late: [Key] = []
        var isLate = [UInt64](repeating: 0, count: (n + 63) / 64)
        entries.withUnsafeBufferPointer { e in
            var start = 0, last = 0
            for i in 1..<n {
                if !below(e[i], e[last]) {
                    last = i
                } else if startsRun(e, at: i, under: last) {
                    runs.append(start..<i)
                    start = i
                    last = i
                } else {
                    late.append(Key(e[i], i))
                    isLate[i >> 6] |= 1 << UInt64(i & 63)
                }
            }
            runs.append(start..<n)
        }
        if runs.count == 1 && late.isEmpty { return entries }
        late.sort()
        return merge(entries, runs: runs, late: late, isLate: isLate)
    }

    /// After a step down at `i`, a new run starts there when the entries
    /// that follow stay below `last` too; else `i` is a late record.
    private static func startsRun(_ e: UnsafeBufferPointer<Recording.Entry>, at i: Int, under last: Int) -> Bool {
        let end = min(e.count, i + 1 + lookahead)
        guard end > i + 1 else { return false }
        for j in (i + 1)..<end where !below(e[j], e[last]) { return false }
        return true
    }
}

extension RecordingOrder {
    /// Merges the runs (skipping the late entries) and the sorted late ones.
    /// The heap holds each source's next key; ties cannot happen, since
    /// every key ends in its entry's own index.
    private static func merge(_ entries: [Recording.Entry], runs: [Range<Int>], late: [Key], isLate: [UInt64]) -> [Recording.Entry] {
        var out: [Recording.Entry] = []
        out.reserveCapacity(entries.count)
        entries.withUnsafeBufferPointer { e in
            // Sources 0..<runs.count are runs (next index in `at`); the last is `late`.
            var at = runs.map(\.lowerBound)
            var lateAt = 0
            let lateSource = runs.count
            func skipLate(_ s: Int) {
                while at[s] < runs[s].upperBound && isLate[at[s] >> 6] & (1 << UInt64(at[s] & 63)) != 0 { at[s] += 1 }
            }
            func next(_ s: Int) -> Key? {
                if s == lateSource { return lateAt < late.count ? late[lateAt] : nil }
                skipLate(s)
                return at[s] < runs[s].upperBound ? Key(e[at[s]], at[s]) : nil
            }
            var heap: [(key: Key, source: Int)] = []
            heap.reserveCapacity(runs.count + 1)
            for s in 0...lateSource { if let k = next(s) { heap.append((k, s)) } }
            // Heapify.
            var i = heap.count / 2
            while i > 0 { i -= 1; siftDown(&heap, i) }
            while !heap.isEmpty {
                let (key, s) = heap[0]
                out.append(e[key.index])
                if s == lateSource { lateAt += 1 } else { at[s] += 1 }
                if let k = next(s) {
                    heap[0] = (k, s)
                } else {
                    heap[0] = heap[heap.count - 1]
                    heap.removeLast()
                }
                if !heap.isEmpty { siftDown(&heap, 0) }
            }
        }
        precondition(out.count == entries.count, "the merge lost or doubled records")
        return out
    }

    @inline(__always)
    private static func siftDown(_ heap: inout [(key: Key, source: Int)], _ start: Int) {
        var i = start
        let n = heap.count
        while true {
            let l = 2 * i + 1
            if l >= n { return }
            var m = l
            if l + 1 < n && heap[l + 1].key < heap[l].key { m = l + 1 }
            if !(heap[m].key < heap[i].key) { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
