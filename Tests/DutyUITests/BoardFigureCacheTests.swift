import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The board's figures are computed when the store changed, at most once a
/// `minimumInterval` of wall time, and drawn from the cache in between.
@Suite struct BoardFigureCacheTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    static func ingest(_ line: String, into store: Store) {
        var l = line
        l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "t.jsonl", lineNumber: 1, offset: 0) }
    }

    @Test func recomputesOnlyWhenTheStoreChangedAndNotTooOften() {
        let store = Store(clock: .fixed(Timestamp.millis(year: 2026, month: 11, day: 28, hour: 10)))
        Self.ingest(Line.event("E-1", "2026-11-28T09:00:00+08:00"), into: store)
        var wall: Millis = 0
        let cache = BoardFigureCache(minimumInterval: 1000, cheap: 0, wall: { wall })
        #expect(cache.figures(store).district.eventsToday == 1 && cache.computations == 1)
        _ = cache.figures(store)
        #expect(cache.computations == 1)   // nothing changed: drawn from the cache
        Self.ingest(Line.event("E-2", "2026-11-28T09:30:00+08:00"), into: store)
        #expect(cache.figures(store).district.eventsToday == 1 && cache.computations == 1)   // within the second
        wall = 1000
        #expect(cache.figures(store).district.eventsToday == 2 && cache.computations == 2)
        // A store put in its place (a replay's seek) is computed at once.
        let other = Store(clock: .fixed(store.now))
        #expect(cache.figures(other).district.eventsToday == 0 && cache.computations == 3)
        // A refresh cheaper than `cheap` is never held back.
        let quick = BoardFigureCache(minimumInterval: 1000, wall: { wall })
        _ = quick.figures(store)
        Self.ingest(Line.event("E-3", "2026-11-28T09:40:00+08:00"), into: store)
        #expect(quick.figures(store).district.eventsToday == 3 && quick.computations == 2)
    }
}

extension BoardFigureCacheTests {
    /// The cache computes the same windows as `BoardFigures.compute`, a few
    /// at a time: with time to spare it gives exactly the same figures; with
    /// no time at all (a huge store) it still starts exact, refreshes one past
    /// window per refresh, and is exact again once every window had its turn.
    @Test func theCachesFiguresAreTheFullComputation() {
        let store = BoardAgreementTests.store
        let cache = BoardFigureCache()
        #expect(cache.figures(store) == BoardFigures.compute(store, now: store.now))

        // No time to spare: a constant wall clock and no budget.
        let slow = BoardFigureCache(budget: 0)
        let before = slow.figures(store)
        #expect(before == BoardFigures.compute(store, now: store.now))
        let first = slow.reportsComputed
        #expect(first == 2 + 4 + 23 + 28)   // today, this hour, the four periods, every past window once
        store.clock = .fixed(store.now + 5 * TimeSpan.minute)
        _ = slow.figures(store)
        #expect(slow.reportsComputed - first == 2 + 1 + 1)   // today, this hour, one period in turn, one past window
        // 59 more refreshes: every past window had its turn since, and the
        // last refresh is the 30 days' turn (every fourth), whose start moves with now.
        for _ in 0..<59 {
            store.clock = .fixed(store.now + TimeSpan.second)
            _ = slow.figures(store)
        }
        #expect(slow.computations == 61)
        #expect(slow.figures(store) == BoardFigures.compute(store, now: store.now))
        store.clock = .fixed(BoardAgreementTests.now)
    }
}
