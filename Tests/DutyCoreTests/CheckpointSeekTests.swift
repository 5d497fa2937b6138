import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Checkpoints share every page that did not change between them, and a seek
/// copies one: whatever path a replay takes to a time (checkpoint, forward
/// feeding, several seeks in a row, changes made to the store in between),
/// the state it reaches must be the state of a store fed from the start.
@Suite struct CheckpointSeekTests {
    /// Everything a store holds, in comparable form: stats, counts, every
    /// item's history, the aggregates (symbols as their texts, since stores
    /// rebuilt from the start have text tables of their own) and the quarantine.
    struct Fingerprint: Equatable {
        var stats: String
        var counts: [Int]
        var items: [[String]]
        var histories: [[[Snapshot]]]
        var indexes: [[IndexEntry]]
        var figures: [[Int]]
        var unitLoads: [String: Int]
        var escalations: [[Int]]
        var quarantine: [QuarantinedLine]

        init(_ store: Store, at t: Millis) {
            store.clock = .fixed(t)
            stats = StatsReport(store: store).json
            counts = [store.records, store.duplicates, store.conflicts, store.quarantinedTotal,
                      store.snapshotCount, Int(store.latestTs == .min ? 0 : store.latestTs)]
            items = Kind.allCases.map { k in (0..<store.count(k)).map { store.id(k, Int32($0)) } }
            histories = Kind.allCases.map { k in (0..<store.count(k)).map { store.item(k, at: Int32($0)).history } }
            let a = store.aggregates
            indexes = [a.openTasksByDue, a.returnedTasksByDue, a.openCasesByTime, a.activeAlerts, a.eventsByTime,
                       a.tasksByFirstReport, a.settledEventsByTime, a.noticeRepliesByDue].map(\.all)
            figures = a.statusCounts + [a.mediationByTier, a.resolvedByTier, a.openMediationByTier,
                                        a.openAlertsByLevel, a.noticesByType]
            var loads: [String: Int] = [:]
            for (unit, n) in a.openTasksPerUnit { loads[store.text(unit)] = n }
            unitLoads = loads
            let first = store.firstTs(.event, 0)
            escalations = (0..<40).map { a.escalations(onDayOf: first + Millis($0) * TimeSpan.day) }
            quarantine = Array(store.quarantine)
        }
    }

    /// A generated month in two files, with a duplicate, a conflict and a bad line.
    static func month(in dir: URL) throws -> [String] {
        let f = try RecordingTests.feeds(in: dir, days: 30)
        return [f.a, f.b]
    }

    /// A change made to a replayed store (as an operator action would): a new
    /// event, a later step of an existing one, and a refused line.
    static func disturb(_ store: Store, at t: Millis, tag: Int) {
        let id = store.id(.event, 0)
        var later = store.item(.event, at: 0).current
        later.ts = t + 1_000
        later.note = "checkpoint test \(tag)"
        store.apply(Record(id: id, snapshot: later))
        var fresh = later
        fresh.ts = t + 2_000
        if case .event(var body) = fresh.body {
            body.title = "checkpoint test \(tag)"
            fresh.body = .event(body)
        }
        store.apply(Record(id: "CHECKPOINT-TEST-\(tag)", snapshot: fresh))
        store.refuse(QuarantinedLine(file: "test", line: tag, offset: 0, error: FeedError(.invalidJSON, "disturbed")))
    }

    /// The month's files, loaded twice: one recording without checkpoints
    /// (seeks rebuild from the start) and one with a checkpoint every 1,500
    /// records (saved as its played store passes them).
    static func recordings(in dir: URL) throws -> (paths: [String], plain: Recording, fast: Recording) {
        let paths = try month(in: dir)
        let plain = Recording(paths: paths, checkpointEvery: .max), fast = Recording(paths: paths, checkpointEvery: 1_500)
        return (paths, plain, fast)
    }

    @Test func seeksThroughCheckpointsEqualRebuildingFromTheStart() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (paths, plain, fast) = try Self.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        #expect(fast.count > 20 * 1_500)
        var random = SplitMix(seed: 16)
        var store = fast.rebuild(at: end, clock: .fixed(end))
        var now = end
        for step in 0..<8 {
            let t = first + Millis(random.below(Int(end - first)))
            if t > now && step % 2 == 1 {
                // Forward, as the console plays on: feeding the store it has.
                fast.feed(until: t, into: store)
            } else {
                store = fast.rebuild(at: t, clock: .fixed(t))
            }
            now = t
            let expected = plain.rebuild(at: t, clock: .fixed(t))
            #expect(fast.position == plain.position)
            #expect(Fingerprint(store, at: t) == Fingerprint(expected, at: t), "step \(step) at \(t)")
        }
        // Played on to the end from the last seek, as `stats` sees the files.
        fast.feed(until: end, into: store)
        store.clock = .fixed(end)
        #expect(StatsReport(store: store).json == RecordingTests.stats(paths, at: end))
    }

    /// A store restored from a checkpoint shares its pages, slots and texts:
    /// changing it (records applied, lines refused, playing on) must leave
    /// the checkpoint as it was for the next seek.
    @Test func sharedCheckpointsStayIndependent() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (paths, plain, fast) = try Self.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        let times = [first + (end - first) / 3, first + (end - first) * 2 / 3, first + (end - first) / 3 + TimeSpan.hour]
        let expected = times.map { Fingerprint(plain.rebuild(at: $0, clock: .fixed($0)), at: $0) }
        for round in 0..<2 {
            for (i, t) in times.enumerated() {
                let store = fast.rebuild(at: t, clock: .fixed(t))
                #expect(Fingerprint(store, at: t) == expected[i], "round \(round), time \(i)")
                Self.disturb(store, at: t, tag: round * 10 + i)
                fast.feed(until: t + 6 * TimeSpan.hour, into: store)
                Self.disturb(store, at: t + 6 * TimeSpan.hour, tag: round * 10 + i + 5)
                let disturbed = Fingerprint(store, at: t)
                #expect(disturbed != expected[i])
            }
        }
        // The copies that were changed are gone; a seek still finds each time as it was.
        for (i, t) in times.enumerated() {
            #expect(Fingerprint(fast.rebuild(at: t, clock: .fixed(t)), at: t) == expected[i])
        }
    }

    /// Copies of a table share its slots: each copy finds exactly its own
    /// keys, whichever copy inserts what afterwards.
    @Test func tableCopiesFindOnlyTheirOwnKeys() {
        func key(_ s: String, _ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
            var s = s
            s.withUTF8 { body(UnsafeRawBufferPointer($0), ByteHash.hash(UnsafeRawBufferPointer($0))) }
        }
        var base = ByteKeyTable<Int>(capacity: 64)
        for i in 0..<40 { key("k\(i)") { _ = base.insert($0, hash: $1, value: i) } }
        var same = base, other = base
        // `same` inserts what `base` inserts next (a replay played on);
        // `other` inserts different keys (a store changed after a seek).
        for i in 40..<60 { key("k\(i)") { _ = base.insert($0, hash: $1, value: i) } }
        for i in 40..<60 { key("k\(i)") { _ = same.insert($0, hash: $1, value: i) } }
        for i in 0..<30 { key("x\(i)") { _ = other.insert($0, hash: $1, value: 100 + i) } }
        for i in 0..<60 {
            key("k\(i)") { k, h in
                #expect(base.find(k, hash: h) == i)
                #expect(same.find(k, hash: h) == i)
                #expect(other.find(k, hash: h) == (i < 40 ? i : nil))
            }
        }
        for i in 0..<30 {
            key("x\(i)") { k, h in
                #expect(other.find(k, hash: h).map { other.value(at: $0) } == 100 + i)
                #expect(base.find(k, hash: h) == nil)
                #expect(same.find(k, hash: h) == nil)
            }
        }
    }
}
