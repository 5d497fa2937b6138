import Testing
@testable import DutyCore

/// The store's snapshot log: pages that never move, links that survive page
/// boundaries, copies that stay independent.
@Suite struct SnapshotLogTests {
    static func snapshot(_ i: Int) -> CompactSnapshot {
        CompactSnapshot(ts: Millis(i), offsetMinutes: 480, kind: .event, status: UInt8(i % 5))
    }

    @Test func entriesFitOneCacheLine() {
        #expect(MemoryLayout<SnapshotLog.Entry>.stride == 64)
    }

    @Test func linksAcrossPagesAndCopiesAreIndependent() {
        var log = SnapshotLog()
        let n = (1 << PagedArray<SnapshotLog.Entry>().pageShift) * 2 + 100
        // Three interleaved chains: i, i+3, i+6 ..., each linked back.
        for i in 0..<n {
            let j = log.append(Self.snapshot(i), prev: i >= 3 ? Int32(i - 3) : -1)
            #expect(j == Int32(i))
        }
        #expect(log.count == n)
        let last = Int32((n - 2) / 3 * 3 + 1)   // the last of the chain from 1
        let chain = log.withTimeline(endingAt: last) { Array($0) }
        #expect(chain == Array(stride(from: Int32(1), through: last, by: 3)))
        for k in chain { #expect(log[k].ts == Millis(k)) }

        let copy = log
        log.setPrev(8, -1)
        _ = log.append(Self.snapshot(n))
        #expect(copy.prev(8) == 5)
        #expect(copy.count == n)
        #expect(log.prev(8) == -1)
        #expect(log.withTimeline(endingAt: 11) { Array($0) } == [8, 11])
        #expect(copy.withTimeline(endingAt: 11) { Array($0) } == [2, 5, 8, 11])
        #expect(log[Int32(n)].ts == Millis(n))
    }
}

/// Per-day counters: a flat window around the first day, a dictionary beyond.
@Suite struct DayCountsTests {
    @Test func countsNearAndFarDays() {
        var c = DayCounts(width: 3)
        let first: Int64 = 20_000
        c.add(day: first, slot: 1)
        c.add(day: first, slot: 1)
        c.add(day: first + 900, slot: 2)          // grows the flat part
        c.add(day: first - 5, slot: 0)            // earlier, inside the window
        c.add(day: first - 100_000, slot: 2)      // far past: an outlier
        c.add(day: first + 100_000, slot: 0, 3)   // far future: an outlier
        #expect(c[first] == [0, 2, 0])
        #expect(c[first + 900] == [0, 0, 1])
        #expect(c[first - 5] == [1, 0, 0])
        #expect(c[first - 100_000] == [0, 0, 1])
        #expect(c[first + 100_000] == [3, 0, 0])
        #expect(c[first + 1] == [0, 0, 0])
        #expect(c[first + 5_000] == [0, 0, 0])    // inside the window, never grown to
    }
}

/// Free texts: written once into pages, read back byte for byte.
@Suite struct FreeTextArenaTests {
    @Test func textsSurvivePageBreaks() {
        let arena = FreeTextArena()
        var rng = SeededRandom(seed: 3)
        var kept: [(UInt32, [UInt8])] = []
        for i in 0..<40_000 {
            let n = i == 17 ? 0 : rng.below(200)
            kept.append((0, (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }))
        }
        kept.append((0, [UInt8](repeating: 0x41, count: (1 << 20) - 4)))   // fills a page alone
        kept.append((0, [0x42]))
        kept.append((0, [UInt8](repeating: 0x43, count: 3 << 20)))         // longer than a page (from code)
        kept.append((0, [0x44, 0x45]))
        for i in kept.indices { kept[i].0 = kept[i].1.withUnsafeBytes { arena.append($0) } }
        #expect(arena.count == kept.count)
        for (handle, bytes) in kept { #expect(Array(arena.bytes(handle)) == bytes) }
        #expect(Set(kept.map(\.0)).count == kept.count)
    }
}

/// Texts longer than a page, as code (not a feed line) may intern or store.
@Suite struct LongTextTests {
    @Test func longTextsAreKeptWhole() {
        let texts = TextTable()
        let long = String(repeating: "锦屏街道", count: 200_000)   // 2.4 MB
        let a = texts.intern(long), b = texts.store(long)
        let short = texts.intern("锦屏街道")
        #expect(texts.intern(long) == a)
        #expect(texts.text(a) == long && texts.text(b) == long && texts.text(short) == "锦屏街道")
        #expect(texts.same(a, b))
    }
}
