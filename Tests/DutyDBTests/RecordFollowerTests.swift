@testable import DutyDB
import Dispatch
import DutyCore
import DutyTestSupport
import Foundation
import Synchronization
import Testing

/// A console's follower of the record log: what it hands over, through a
/// database restart, adds up to exactly a fresh load.
@Suite struct RecordFollowerTests {
    /// A database with the schema, on `pg`.
    static func database(_ pg: ThrowawayPostgres, _ label: String = #function) async throws -> DatabaseURL {
        let url = try DatabaseURL(pg.url(database: try pg.makeDatabase(label)))
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        return url
    }

    /// Pushes lines as `push` does (a file read by the tailer, one commit).
    static func push(_ lines: [String], _ url: DatabaseURL) async throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
        var sink = PushSink(committed: [:])
        let tailer = FeedTailer(paths: [dir.path])
        sink.newPoll()
        tailer.poll(into: &sink)
        let batch = sink.take()
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(batch, $0) }
    }

    /// Waits (polling) until `condition` holds; false after `seconds`.
    static func eventually(_ seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    /// Every item's current snapshot, by kind and id, and the counts.
    static func state(_ store: Store) -> (stats: String, items: [String: Snapshot]) {
        var items: [String: Snapshot] = [:]
        for kind in Kind.allCases {
            for i in 0..<Int32(store.count(kind)) {
                items["\(kind.rawValue):\(store.id(kind, i))"] = store.current(kind, i).snapshot(store.texts)
            }
        }
        return (StatsReport(store: store).json, items)
    }

    static func wave(_ n: Int, _ hour: Int) -> [String] {
        (0..<n).flatMap { i -> [String] in
            let ts = String(format: "2026-11-28T%02d:%02d:00+08:00", hour, i % 60)
            return [Line.event("E\(hour)-\(i)", ts), Line.event("E\(hour)-\(i)", ts, status: i % 2 == 0 ? "open" : "closed")]
        }
    }

    @Test func aRestartedDatabaseIsFollowedToExactlyAFreshLoad() async throws {
        let pg = try ThrowawayPostgres.own()
        defer { pg.remove() }
        let url = try await Self.database(pg)
        // Before the console: records, a duplicate, a conflict, a bad line.
        try await Self.push(Self.wave(20, 8) + ["{bad"], url)
        let store = Store()
        let start = try await DatabaseSession.with(url) { try await RecordLog.load(into: store, $0, town: nil) }
        #expect(store.count(.event) == 20 && store.duplicates == 10 && store.conflicts == 10 && store.quarantinedTotal == 1)

        let queue = DispatchQueue(label: "follower-test")
        let statuses = Mutex<[RecordFollower.Status]>([])
        let follower = RecordFollower(url: url, town: nil, after: start, queue: queue, safetyInterval: .milliseconds(500),
                                      deliver: { $0.apply(to: store) },
                                      report: { s in statuses.withLock { $0.append(s) } })
        follower.start()
        defer { follower.stop() }
        func events() -> Int { queue.sync { store.count(.event) } }
        func status() -> RecordFollower.Status? { statuses.withLock { $0.last } }

        try await Self.push(Self.wave(5, 9), url)
        #expect(await Self.eventually { events() == 25 })
        #expect(status() == .online)

        try pg.stop()
        #expect(await Self.eventually { if case .offline = status() { true } else { false } })
        try pg.start()
        // Pushed at once: before or after the follower is back, it must come once.
        try await Self.push(Self.wave(6, 10) + ["{bad again"], url)
        #expect(await Self.eventually { status() == .online })
        try await Self.push(Self.wave(7, 11), url)
        #expect(await Self.eventually { events() == 38 })
        try await Self.push([Line.event("E11-0", "2026-11-28T11:00:00+08:00", status: "dispatched")], url)   // a conflict, after
        #expect(await Self.eventually { queue.sync { store.conflicts } == 19 })

        let fresh = Store()
        _ = try await DatabaseSession.with(url) { try await RecordLog.load(into: fresh, $0, town: nil) }
        let followed = queue.sync { Self.state(store) }
        let loaded = Self.state(fresh)
        #expect(followed.stats == loaded.stats)
        #expect(followed.items == loaded.items)
        #expect(loaded.items.count == 38 && fresh.quarantinedTotal == 2 && fresh.duplicates == 20)
        // It said offline once with a since and a reason, then online.
        let said = statuses.withLock { $0 }
        let offline = said.compactMap { if case .offline(let since, let reason) = $0 { (since, reason) } else { nil } }
        #expect(!offline.isEmpty && Set(offline.map(\.0)).count == 1 && offline.allSatisfy { !$0.1.contains(pg.password) })
        #expect(said.last == .online)
    }

    @Test func aTownLoadsAndFollowsOnlyItsOwnRecords() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try await Self.database(pg)
        func both(_ n: Int, _ hour: Int) -> [String] {
            (0..<n).flatMap { i -> [String] in
                let ts = String(format: "2026-11-28T%02d:%02d:00+08:00", hour, i)
                return [Line.event("XK-\(hour)-\(i)", ts, town: "溪口镇", grid: "XK-01-02"), Line.event("JP-\(hour)-\(i)", ts),
                        Line.task("ZF-\(hour)-\(i)", ts, due: "2026-11-28T18:00:00+08:00")]
            }
        }
        try await Self.push(both(3, 8) + [Line.mediation("M1", "2026-11-28T08:30:00+08:00", tier: "village", status: "resolved"), "{bad"], url)
        let store = Store()
        let start = try await DatabaseSession.with(url) { try await RecordLog.load(into: store, $0, town: "溪口镇") }
        #expect([store.count(.event), store.count(.mediation), store.count(.task)] == [Int](arrayLiteral: 3, 1, 0))
        #expect(store.quarantinedTotal == 0)   // the quarantine is the district's

        let queue = DispatchQueue(label: "town-follower-test")
        let follower = RecordFollower(url: url, town: "溪口镇", after: start, queue: queue, safetyInterval: .seconds(30),
                                      deliver: { $0.apply(to: store) }, report: { _ in })
        follower.start()
        defer { follower.stop() }
        try await Self.push(both(4, 9), url)
        #expect(await Self.eventually { queue.sync { store.count(.event) } == 7 })
        try await Self.push(both(2, 10), url)
        #expect(await Self.eventually { queue.sync { store.count(.event) } == 9 })
        let ids = queue.sync { (0..<Int32(store.count(.event))).map { store.id(.event, $0) } }
        #expect(ids.allSatisfy { $0.hasPrefix("XK-") } && queue.sync { store.count(.task) } == 0)
        let fresh = Store()
        _ = try await DatabaseSession.with(url) { try await RecordLog.load(into: fresh, $0, town: "溪口镇") }
        #expect(queue.sync { Self.state(store) }.items == Self.state(fresh).items)
    }

    /// A link that goes silent (as a cut network does: no error, no answer)
    /// is taken for offline after `readTimeout`, and followed again on a new
    /// connection. The silence: the follower's server process stopped
    /// (SIGSTOP) while idle, on a cluster of the test's own (a stopped
    /// backend may hold locks others wait for), and let go as soon as the
    /// follower has given up on it.
    @Test func aSilentDatabaseIsTakenOfflineAndFollowedAgain() async throws {
        let pg = try ThrowawayPostgres.own()
        defer { pg.remove() }
        let url = try await Self.database(pg)
        try await Self.push(Self.wave(2, 8), url)
        let store = Store()
        let start = try await DatabaseSession.with(url) { try await RecordLog.load(into: store, $0, town: nil) }
        let queue = DispatchQueue(label: "silent-follower-test")
        let statuses = Mutex<[RecordFollower.Status]>([])
        let follower = RecordFollower(url: url, town: nil, after: start, queue: queue, safetyInterval: .seconds(2),
                                      readTimeout: .seconds(2), deliver: { $0.apply(to: store) },
                                      report: { s in statuses.withLock { $0.append(s) } })
        follower.start()
        defer { follower.stop() }
        #expect(await Self.eventually { statuses.withLock { $0.last } == .online })
        // The follower's backend (its last statement a catch-up), waiting for its next one.
        var backends: [String] = []
        var seen = ""
        #expect(await Self.eventually {
            do {
                seen = try pg.psql(url.database, """
                    SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                    AND state = 'idle' AND query LIKE '%FROM quarantine WHERE seq >%'
                    """)
            } catch {
                seen = "\(error)"
            }
            backends = seen.split(separator: "\n").map(String.init)
            return backends.count == 1 && pid_t(backends[0]) != nil
        }, "\(seen)")
        let pid = try #require(backends.first.flatMap { pid_t($0) })
        #expect(kill(pid, SIGSTOP) == 0)
        let silent = await Self.eventually {
            statuses.withLock { $0.contains { if case .offline(_, let reason) = $0 { reason.contains("no answer") } else { false } } }
        }
        kill(pid, SIGCONT)
        #expect(silent)
        try await Self.push(Self.wave(3, 9), url)
        #expect(await Self.eventually { statuses.withLock { $0.last } == .online && queue.sync { store.count(.event) } == 5 })
        let echoes: Int = queue.sync { store.duplicates + store.conflicts }
        #expect(echoes == 5)   // each line once: 2 + 3 echoes, none repeated
    }

    @Test func readAfterAPositionBringsOnlyWhatFollows() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try await Self.database(pg)
        try await Self.push(Self.wave(3, 8), url)
        let store = Store()
        let position = try await DatabaseSession.with(url) { try await RecordLog.load(into: store, $0, town: nil) }
        try await Self.push(Self.wave(2, 9) + ["{bad"], url)
        let batch = try await DatabaseSession.with(url) { try await RecordLog.read(after: position, town: nil, $0) }
        #expect(batch.lines.count == 4 && batch.quarantined.count == 1)
        #expect(batch.position.records > position.records && batch.position.quarantine == position.quarantine + 1)
        let none = try await DatabaseSession.with(url) { try await RecordLog.read(after: batch.position, town: nil, $0) }
        #expect(none.isEmpty && none.position == batch.position)
    }
}
