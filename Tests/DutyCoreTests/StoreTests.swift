import DutyTestSupport
import Testing
@testable import DutyCore

/// The store's aggregates against a small hand-made feed with known answers.
@Suite struct StoreTests {
    static let feed: [String] = [
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        Line.event("E2", "2026-11-28T09:05:00+08:00", priority: "1"),
        Line.event("E1", "2026-11-28T09:30:00+08:00", status: "dispatched"),
        Line.task("T1", "2026-11-28T09:30:00+08:00", due: "2026-11-28T11:30:00+08:00"),
        Line.task("T2", "2026-11-28T09:40:00+08:00", due: "2026-11-28T10:00:00+08:00", unit: "溪口镇综合行政执法中队"),
        Line.task("T3", "2026-11-28T09:45:00+08:00", due: "2026-11-28T09:50:00+08:00"),
        Line.task("T3", "2026-11-28T10:20:00+08:00", due: "2026-11-28T09:50:00+08:00", status: "done"),
        Line.event("E2", "2026-11-28T09:10:00+08:00", status: "self_resolved", priority: "1"),
        // Out of order: an older snapshot of E1 arrives last; E1 stays dispatched.
        Line.event("E1", "2026-11-28T09:10:00+08:00", status: "open"),
        // Exact duplicate (different key order and spacing), and a conflict.
        #"{ "id":"E2", "kind":"event","ts":"2026-11-28T09:10:00+08:00","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":1,"source":"grid","title":"占道经营","status":"self_resolved","extra":true }"#,
        Line.event("E2", "2026-11-28T09:10:00+08:00", status: "cancelled", priority: "1"),
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
        Line.mediation("M2", "2026-11-28T09:00:00+08:00", tier: "village", status: "escalated"),
        Line.mediation("M2", "2026-11-28T10:00:00+08:00", tier: "town", status: "resolved"),
        Line.mediation("M3", "2026-11-28T10:00:00+08:00", tier: "district", status: "mediating"),
        Line.alert("A1", "2026-11-28T09:00:00+08:00", level: "critical"),
        Line.alert("A2", "2026-11-28T09:01:00+08:00"),
        Line.alert("A2", "2026-11-28T09:02:00+08:00", status: "acked"),
        Line.alert("A3", "2026-11-28T09:03:00+08:00", status: "resolved"),
        "not json at all",
        Line.event("E9", "2026-11-28T10:30:00+08:00", status: "open", priority: "9"),
    ]

    @Test func countsMatchTheHandMadeFeed() {
        let store = TestSupport.store(Self.feed)
        let a = store.aggregates
        #expect(store.records == 19)
        #expect(store.quarantinedTotal == 2)
        #expect(store.quarantine.map(\.line) == [20, 21])
        #expect(store.duplicates == 1)
        #expect(store.conflicts == 1)
        #expect(a.count(.event) == 2)
        #expect(a.count(.event, EventStatus.dispatched) == 1)
        #expect(a.count(.event, EventStatus.selfResolved) == 1)
        #expect(a.count(.event, EventStatus.open) == 0)
        #expect(store.item(.event, id: "E1")?.history.map(\.statusWire) == ["open", "open", "dispatched"])
        #expect(a.count(.task) == 3)
        #expect(a.count(.task, TaskStatus.done) == 1)
        #expect(store.openTaskLoad(unit: "锦屏街道综合行政执法中队") == 1 && store.openTaskLoad(unit: "溪口镇综合行政执法中队") == 1)
        #expect(a.openTasksPerUnit.count == 2)
        #expect(store.openTasks(from: 0, limit: 10).map(\.id) == ["T2", "T1"])
        #expect(a.mediationByTier == [1, 1, 1])
        #expect(a.resolvedByTier == [1, 1, 0])
        #expect(a.openMediationByTier == [0, 0, 1])
        #expect(a.escalations(onDayOf: store.latestTs) == [1, 0, 0])
        #expect(a.openAlertsByLevel == [0, 0, 1])
        #expect(store.activeAlerts(from: 0, limit: 10).map(\.id) == ["A1", "A2"])
        #expect(store.recentEvents(from: 0, limit: 10).map(\.id) == ["E2", "E1"])
        #expect(store.latestTs == Timestamp.millis(year: 2026, month: 11, day: 28, hour: 10, minute: 20))
    }

    @Test func overdueFollowsTheClock() {
        let at1000 = TestSupport.store(Self.feed, clock: .fixed(Timestamp.millis(year: 2026, month: 11, day: 28, hour: 10, minute: 0, second: 1)))
        #expect(at1000.aggregates.overdueTasks(now: at1000.now) == 1)   // T2; T3 is done
        let at1200 = TestSupport.store(Self.feed, clock: .fixed(Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)))
        #expect(at1200.aggregates.overdueTasks(now: at1200.now) == 2)
    }

    @Test func orderOfArrivalDoesNotChangeTheState() {
        // The conflict is left out: "first one kept" depends on arrival by design.
        let feed = Self.feed.filter { !$0.contains("cancelled") }
        let forward = TestSupport.store(feed)
        let backward = TestSupport.store(feed.reversed())
        for kind in Kind.allCases {
            #expect(forward.aggregates.statusCounts[Int(kind.rawValue)] == backward.aggregates.statusCounts[Int(kind.rawValue)])
        }
        #expect(forward.aggregates.resolvedByTier == backward.aggregates.resolvedByTier)
        #expect(forward.openTasks(from: 0, limit: 10).map(\.id) == backward.openTasks(from: 0, limit: 10).map(\.id))
        #expect(forward.recentEvents(from: 0, limit: 10).map(\.id) == backward.recentEvents(from: 0, limit: 10).map(\.id))
        #expect(forward.item(.event, id: "E1")?.history == backward.item(.event, id: "E1")?.history)
    }

    @Test func internsRepeatedNames() throws {
        let store = TestSupport.store(Self.feed)
        let t1 = try #require(store.index(.task, id: "T1")), t3 = try #require(store.index(.task, id: "T3"))
        let a = store.current(.task, t1), b = store.current(.task, t3)
        // One symbol for the unit's name, held once.
        #expect(a.t2 == b.t2)
        #expect(store.text(a.t2) == "锦屏街道综合行政执法中队")
        #expect(store.texts.find("锦屏街道综合行政执法中队") == a.t2)
    }

    /// The intern cache must never confuse two texts: texts of every length
    /// around its word boundaries, differing in one byte anywhere.
    @Test func internCacheNeverConfusesTexts() {
        let texts = TextTable()
        var rng = SeededRandom(seed: 5)
        var seen: [String: TextID] = [:]
        for round in 0..<20_000 {
            let n = 1 + rng.below(70)
            var bytes = (0..<n).map { _ in UInt8(0x61 + rng.below(2)) }   // "a"/"b": many near twins
            if round % 7 == 0 { bytes[rng.below(n)] = 0xE4 }             // and some non-ASCII bytes
            let s = String(decoding: bytes, as: UTF8.self)
            let sym = texts.intern(s)
            if let before = seen[s] { #expect(before == sym) } else { seen[s] = sym }
            #expect(texts.text(sym) == s)
        }
        #expect(Set(seen.values).count == seen.count)
        // Names of 33 to 64 bytes go through a second cache of eight words:
        // a change of any one byte, at any length, makes another text.
        for n in 30...70 {
            let base = (0..<n).map { _ in UInt8(0x61 + rng.below(26)) }
            let baseSym = texts.intern(String(decoding: base, as: UTF8.self))
            for i in 0..<n {
                var twin = base
                twin[i] = twin[i] == 0x7A ? 0x61 : twin[i] + 1
                let t = String(decoding: twin, as: UTF8.self)
                let sym = texts.intern(t)
                #expect(sym != baseSym, "length \(n), byte \(i)")
                #expect(texts.text(sym) == t)
                #expect(texts.intern(String(decoding: base, as: UTF8.self)) == baseSym)
            }
            // One byte longer or shorter, same start.
            #expect(texts.intern(String(decoding: base + [0x61], as: UTF8.self)) != baseSym)
            #expect(texts.intern(String(decoding: base.dropLast(), as: UTF8.self)) != baseSym)
        }
    }

    /// Unit loads: interned units in the array, any other symbol (a free
    /// text, or past the array's limit) in the dictionary; both counted alike.
    @Test func unitLoadsCountEverySymbol() {
        let texts = TextTable()
        let interned = texts.intern("锦屏街道综合行政执法中队")
        let free = texts.store("临时工作组")
        var a = Aggregates()
        func task(_ unit: TextID, _ status: TaskStatus) -> CompactSnapshot {
            var s = CompactSnapshot(ts: 1_000, offsetMinutes: 480, kind: .task, status: status.rawValue)
            s.t2 = unit
            s.due = 5_000
            return s
        }
        a.apply(task(interned, .dispatched), item: 0, firstTs: 1_000, sign: 1)
        a.apply(task(interned, .signed), item: 1, firstTs: 1_000, sign: 1)
        a.apply(task(free, .dispatched), item: 2, firstTs: 1_000, sign: 1)
        #expect(a.openTaskLoad(interned) == 2 && a.openTaskLoad(free) == 1)
        #expect(a.openTasksPerUnit == [interned: 2, free: 1])
        a.replace(task(free, .dispatched), task(free, .done), item: 2, oldFirst: 1_000, newFirst: 1_000)
        a.replace(task(interned, .signed), task(interned, .returned), item: 1, oldFirst: 1_000, newFirst: 1_000)
        #expect(a.openTaskLoad(interned) == 1 && a.openTaskLoad(free) == 0)
        #expect(a.openTasksPerUnit == [interned: 1])
    }

    /// Short keys are read with overlapping loads: the same word as byte by byte.
    @Test func smallWordsMatchBytes() {
        var rng = SeededRandom(seed: 9)
        for _ in 0..<2_000 {
            let n = 1 + rng.below(7)
            let bytes = (0..<n).map { _ in UInt8(rng.below(256)) }
            var want: UInt64 = 0
            for (i, b) in bytes.enumerated() { want |= UInt64(b) << UInt64(i * 8) }
            bytes.withUnsafeBytes { b in
                #expect(ByteHash.smallWord(b.baseAddress!, n) == want)
                #expect(ByteHash.firstWords(b) == (want, 0))
            }
        }
    }

    @Test func sortedIndexKeepsOrderAndRanks() {
        var index = SortedIndex()
        var reference: [IndexEntry] = []
        var rng = SystemRandomNumberGenerator()
        for i in 0..<5000 {
            let e = IndexEntry(key: Int64.random(in: 0..<1000, using: &rng), item: Int32(i))
            index.insert(e); reference.append(e)
            if i % 3 == 0 {
                let victim = reference.remove(at: Int.random(in: 0..<reference.count, using: &rng))
                let removed = index.remove(victim)
                #expect(removed)
            }
        }
        reference.sort()
        #expect(index.all == reference)
        #expect(index.count(below: 500) == reference.filter { $0.key < 500 }.count)
        #expect(index.entries(from: 100, limit: 5) == Array(reference[100..<105]))
        #expect(index.entries(from: 0, limit: 3, descending: true) == Array(reference.reversed().prefix(3)))
    }

    /// Feeds append in time order with a few late arrivals, and removals hit
    /// the largest entries too: the fast append and the chunk maxima.
    @Test func sortedIndexMostlyAppendingKeepsOrder() {
        var index = SortedIndex()
        var reference: [IndexEntry] = []
        var rng = SeededRandom(seed: 11)
        for i in 0..<6000 {
            let late = rng.next() % 10 == 0
            let key = late ? Int64(rng.next() % UInt64(i + 1)) : Int64(i)
            let e = IndexEntry(key: key, item: Int32(i))
            index.insert(e); reference.append(e)
            if rng.next() % 4 == 0 {
                reference.sort()
                // Half the removals take the largest entry, half a random one.
                let at = rng.next() % 2 == 0 ? reference.count - 1 : Int(rng.next() % UInt64(reference.count))
                let removed = index.remove(reference.remove(at: at))
                #expect(removed)
            }
        }
        reference.sort()
        #expect(index.all == reference)
        #expect(index.count == reference.count)
        for bound in stride(from: Int64(0), through: 6000, by: 250) {
            #expect(index.count(below: bound) == reference.filter { $0.key < bound }.count)
        }
        #expect(index.rank(of: reference[reference.count - 1]) == reference.count - 1)
        #expect(index.entries(from: 0, limit: 4, descending: true) == Array(reference.reversed().prefix(4)))
    }
}

/// Free texts (notes) are stored without deduplication, yet an exact
/// duplicate carrying one is still a duplicate, and a different note a conflict.
@Suite struct FreeTextDuplicateTests {
    @Test func notesDoNotTurnDuplicatesIntoConflicts() {
        let withNote = Line.event("E1", "2026-11-28T09:00:00+08:00", extra: #","note":"现场核实，已整改","detail":"西坞街道菜场门口""#)
        let otherNote = Line.event("E1", "2026-11-28T09:00:00+08:00", extra: #","note":"未整改","detail":"西坞街道菜场门口""#)
        let store = TestSupport.store([withNote, withNote, otherNote])
        #expect(store.duplicates == 1)
        #expect(store.conflicts == 1)
        #expect(store.item(.event, id: "E1")?.current.note == "现场核实，已整改")
    }
}
