import DutyCore
import DutyTestSupport
import Testing

/// Review of issue 12: the header's indexes kept by `Aggregates.replace`'s
/// fast paths (first report, settled time) are exactly those of the same
/// records fed in another order: a late older snapshot must move an item.
@Suite struct AggregateOrderTests {
    /// Each index as (key, id) pairs: item numbers depend on arrival, ids do not.
    static func entries(_ index: SortedIndex, _ kind: Kind, _ store: Store) -> [String] {
        index.entries(from: 0, limit: index.count).map { "\($0.key) \(store.id(kind, $0.item))" }.sorted()
    }

    static func indexes(_ store: Store) -> [String: [String]] {
        let a = store.aggregates
        return ["eventsByTime": entries(a.eventsByTime, .event, store),
                "settledEventsByTime": entries(a.settledEventsByTime, .event, store),
                "tasksByFirstReport": entries(a.tasksByFirstReport, .task, store),
                "openTasksByDue": entries(a.openTasksByDue, .task, store),
                "returnedTasksByDue": entries(a.returnedTasksByDue, .task, store),
                "activeAlerts": entries(a.activeAlerts, .alert, store),
                "openCasesByTime": entries(a.openCasesByTime, .mediation, store)]
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func shuffledArrivalKeepsTheSameIndexes(seed: UInt64) {
        // One snapshot per id and instant: which of two conflicting ones is
        // kept depends on arrival by design.
        var seen = Set<String>()
        let records = GeneratedFeed.records(seed: seed, days: 2).filter { seen.insert("\($0.id) \($0.snapshot.ts)").inserted }
        var shuffled = records
        var rng = SplitMix(seed: seed)
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
            shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        let now = records.map(\.snapshot.ts).max() ?? 0
        let inOrder = Store(clock: .fixed(now)), mixed = Store(clock: .fixed(now))
        for r in records.sorted(by: { $0.snapshot.ts < $1.snapshot.ts }) { inOrder.apply(r) }
        for r in shuffled { mixed.apply(r) }
        let a = Self.indexes(inOrder), b = Self.indexes(mixed)
        for name in a.keys.sorted() {
            #expect(a[name] == b[name], "\(name)")
        }
        #expect(inOrder.aggregates.today(now: now) == mixed.aggregates.today(now: now))
    }
}
