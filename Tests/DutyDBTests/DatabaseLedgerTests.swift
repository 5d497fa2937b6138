import DutyCore
import DutyDB
import DutyTestSupport
import Foundation
import Testing

/// Operator actions as database transactions (`DatabaseLedger`), against
/// the tests' own PostgreSQL: two consoles racing for one event get one
/// task, the loser told who won and when; the one-open-task constraint
/// holds whatever a client does; a refused action gives its number back.
@Suite struct DatabaseLedgerTests {
    static let rounds = 20

    @Test func twoConsolesRacingForAnEventGetOneTaskAndTheLoserIsToldWhoWon() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let (db, admin) = try await LedgerRig.database(pg)
        try await LedgerRig.seed(LedgerRig.events(Self.rounds), admin)
        let wang = try LedgerRig.role("王", pg, db), li = try LedgerRig.role("李", pg, db)
        // A two-party barrier per round: each side signals its own and waits for the other's.
        let a = DispatchSemaphore(value: 0), b = DispatchSemaphore(value: 0)
        @Sendable func racer(_ url: DatabaseURL, _ id: String, mine: DispatchSemaphore, theirs: DispatchSemaphore) -> [JournaledAction.Outcome] {
            let (desk, _) = LedgerRig.console(url, id: id)
            return (1...Self.rounds).map { round in
                mine.signal()
                theirs.wait()
                return desk.perform(.dispatch(event: LedgerRig.eventID(round), unit: "锦屏派出所", type: .joint))
            }
        }
        async let first = LedgerRig.onThread { racer(wang, "host-a-1", mine: a, theirs: b) }
        async let second = LedgerRig.onThread { racer(li, "host-b-2", mine: b, theirs: a) }
        let (wangs, lis) = await (first, second)

        var wins: [String: Int] = [:]
        for (round, pair) in zip(wangs, lis).enumerated() {
            let event = LedgerRig.eventID(round + 1)
            let won: [Record], lost: JournalRefusal, winner: String
            switch pair {
            case (.written(let records), .conflict(let refusal)): (won, lost, winner) = (records, refusal, "王")
            case (.conflict(let refusal), .written(let records)): (won, lost, winner) = (records, refusal, "李")
            default:
                Issue.record("round \(round + 1): not one written and one refused: \(pair)")
                continue
            }
            wins[winner, default: 0] += 1
            // The winner's records carry its role, and the loser is told that role and the time.
            let dispatched = try #require(won.first { $0.kind == .event && $0.id == event })
            #expect(won.allSatisfy { $0.snapshot.by == winner })
            #expect(lost == JournalRefusal.changed(dispatched))
            #expect(lost.message.zh == "\(event) 已被\(winner)于12:00改为已转派", "\(lost.message.zh)")
        }
        // Exactly one task per round, numbered 1…20 with no gap.
        let ids = try LedgerRig.taskIDs(pg, db)
        #expect(ids == (1...Self.rounds).map { TaskNumbering.id("ZF-20261128-", $0) })
        #expect(try pg.psql(db, "SELECT count(DISTINCT (line::json)->>'event') FROM records WHERE kind = 'task'") == "\(Self.rounds)")
        // Written by the roles, from the consoles, the journal's line with the console id.
        #expect(try pg.psql(db, "SELECT string_agg(DISTINCT written_by::text, ',' ORDER BY written_by::text) FROM records WHERE console IS NOT NULL")
                    == ["李", "王"].filter { wins[$0] != nil }.sorted().joined(separator: ","))
        let line = try pg.psql(db, "SELECT line FROM records WHERE kind = 'task' ORDER BY seq LIMIT 1")
        let console = try pg.psql(db, "SELECT console FROM records WHERE kind = 'task' ORDER BY seq LIMIT 1")
        #expect(line.hasSuffix(#","console":"\#(console)"}"#), "\(line)")
    }

    @Test func aSecondConsoleOpenTaskForAnEventIsAUniqueViolationWhateverTheClient() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let (db, _) = try await LedgerRig.database(pg)
        func task(_ id: String, _ exact: Int, status: String = "dispatched", console: String?) -> String {
            let line = #"{"kind":"task","id":"\#(id)","ts":"2026-11-28T10:00:00+08:00","event":"E1","type":"joint","unit":"锦屏派出所","town":"锦屏街道","due":"2026-11-28T14:00:00+08:00","status":"\#(status)"}"#
            return "INSERT INTO records (kind, id, ts, ts_exact, line, console) VALUES ('task', '\(id)', now(), \(exact), '\(line)', \(console.map { "'\($0)'" } ?? "NULL"))"
        }
        try pg.psql(db, task("ZF-20261128-0101", 1, console: "a"))
        // Raw SQL, no lock taken by the client: still refused by the database.
        #expect {
            try pg.psql(db, task("ZF-20261128-0102", 2, console: "b"))
        } throws: { error in
            "\(error)".contains("task_state_one_open_per_event") && "\(error)".contains("duplicate key")
        }
        // A pushed feed line (no console) is a fact and never refused.
        try pg.psql(db, task("ZF-20261128-0103", 3, console: nil))
        // Once the first is done, another console may dispatch the event again.
        try pg.psql(db, task("ZF-20261128-0101", 4, status: "done", console: "a"))
        try pg.psql(db, task("ZF-20261128-0104", 5, console: "b"))
        #expect(try LedgerRig.taskIDs(pg, db) == ["ZF-20261128-0101", "ZF-20261128-0103", "ZF-20261128-0101", "ZF-20261128-0104"])
    }

    @Test func aDispatchRefusedByTheConstraintGivesItsTaskNumberBack() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let (db, admin) = try await LedgerRig.database(pg)
        try await LedgerRig.seed(LedgerRig.events(2), admin)
        let wang = try LedgerRig.role("王", pg, db)
        let counter = "SELECT value FROM counters WHERE name = 'task:ZF-20261128-'"
        let outcomes = await LedgerRig.onThread { () -> [JournaledAction.Outcome] in
            let (desk, _) = LedgerRig.console(wang, id: "host-a-1")
            // Another client's console task for E01 that left the event as it was:
            // only the database's constraint can see the conflict.
            let line = #"{"kind":"task","id":"ZF-20261128-0050","ts":"2026-11-28T11:00:00+08:00","event":"E01","type":"joint","unit":"锦屏派出所","town":"锦屏街道","due":"2026-11-28T14:00:00+08:00","status":"dispatched","by":"李"}"#
            _ = try? pg.psql(db, "INSERT INTO records (kind, id, ts, ts_exact, line, console) VALUES ('task', 'ZF-20261128-0050', now(), 1, '\(line)', 'other')")
            return [desk.perform(.dispatch(event: "E01", unit: "锦屏派出所", type: .joint)),
                    desk.perform(.dispatch(event: "E02", unit: "锦屏派出所", type: .joint))]
        }
        guard case .conflict(let refusal) = outcomes[0] else { Issue.record("not refused: \(outcomes[0])"); return }
        // Named by the event's latest record (the seed's, by no one: 他人).
        #expect(refusal.message.zh == "E01 已被他人于09:00改为待处置", "\(refusal.message.zh)")
        // The number the refused dispatch took (51) was given back: the next one takes it.
        guard case .written(let records) = outcomes[1] else { Issue.record("not written: \(outcomes[1])"); return }
        #expect(records.first?.id == "ZF-20261128-0051")
        #expect(try LedgerRig.taskIDs(pg, db) == ["ZF-20261128-0050", "ZF-20261128-0051"])
        #expect(try pg.psql(db, counter) == "51")
    }

    @Test func anOfflineDatabaseRefusesAtOnceWritesNothingAndTheNextActionSucceeds() async throws {
        let pg = try ThrowawayPostgres.own()
        defer { pg.remove() }
        let (db, admin) = try await LedgerRig.database(pg)
        try await LedgerRig.seed(LedgerRig.events(1), admin)
        let result = await LedgerRig.onThread { () -> (JournaledAction.Outcome, Double, Bool, JournaledAction.Outcome, String) in
            let (desk, ledger) = LedgerRig.console(admin, id: "host-a-1")
            _ = ledger
            do { try pg.stop() } catch { return (.refused(ActionRefusal(.notFound)), 0, false, .refused(ActionRefusal(.notFound)), "\(error)") }
            let start = Date()
            let offline = desk.perform(.dispatch(event: "E01", unit: "锦屏派出所", type: .joint))
            let elapsed = Date().timeIntervalSince(start)
            let untouched = desk.store.item(.task, id: "ZF-20261128-0001") == nil
                && desk.store.item(.event, id: "E01")?.current.statusWire == "open"
            do { try pg.start() } catch { return (offline, elapsed, untouched, .refused(ActionRefusal(.notFound)), "\(error)") }
            let again = desk.perform(.dispatch(event: "E01", unit: "锦屏派出所", type: .joint))
            return (offline, elapsed, untouched, again, "")
        }
        let (offline, elapsed, untouched, again, problem) = result
        #expect(problem.isEmpty, "\(problem)")
        guard case .unavailable(let failure) = offline else { Issue.record("not refused as offline: \(offline)"); return }
        #expect(elapsed < 3, "took \(elapsed) s")
        #expect(failure.text(.zh).hasPrefix("数据库离线，操作未执行："), "\(failure.text(.zh))")
        #expect(failure.text(.en).hasPrefix("database offline, nothing done: "))
        #expect(untouched)
        // Started again: the next action connects and is written, numbered 1 (nothing was taken offline).
        guard case .written(let records) = again else { Issue.record("not written after the restart: \(again)"); return }
        #expect(records.map(\.id) == ["ZF-20261128-0001", "E01"])
        #expect(try LedgerRig.taskIDs(pg, db) == ["ZF-20261128-0001"])
    }

    /// The connection lost during COMMIT (here the server ends it from a
    /// deferred trigger, which fires at COMMIT): the officer is told the
    /// action may or may not be written — not "nothing done", which was the
    /// message before and would be false had the COMMIT gone through. The
    /// next action reconnects, and is checked against what the log holds.
    @Test func aConnectionLostWhileCommittingIsReportedAsUnknownNotAsNothingDone() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let (db, admin) = try await LedgerRig.database(pg)
        try await LedgerRig.seed(LedgerRig.events(2), admin)
        try pg.psql(db, """
            CREATE FUNCTION cut_at_commit() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $f$;
            CREATE CONSTRAINT TRIGGER cut_at_commit AFTER INSERT ON records DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.line LIKE '%"event":"E01"%') EXECUTE FUNCTION cut_at_commit();
            """)
        let (cut, next) = await LedgerRig.onThread { () -> (JournaledAction.Outcome, JournaledAction.Outcome) in
            let (desk, _) = LedgerRig.console(admin, id: "host-a-1")
            let cut = desk.perform(.dispatch(event: "E01", unit: "锦屏派出所", type: .joint))
            let next = desk.perform(.dispatch(event: "E02", unit: "锦屏派出所", type: .joint))
            return (cut, next)
        }
        guard case .unavailable(let failure) = cut else { Issue.record("not reported as unknown: \(cut)"); return }
        #expect(failure.step == .commitUnknown)
        #expect(failure.text(.zh).hasPrefix("提交时与数据库断开，操作可能已执行"), "\(failure.text(.zh))")
        guard case .written(let records) = next else { Issue.record("the next action was not written: \(next)"); return }
        #expect(records.map(\.id).contains("E02"))
    }

    /// A district role's console with `--town 溪口镇`: what its ledger reads
    /// under the lock (and so puts in its store) is 溪口镇's only, as its
    /// follower reads; before, an action brought every town's new records
    /// into a town-filtered console.
    @Test func aTownConsolesLedgerReadsOnlyItsTown() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let (_, admin) = try await LedgerRig.database(pg)
        try await LedgerRig.seed([Line.event("XK-1", "2026-11-28T09:00:00+08:00", town: "溪口镇", grid: "XK-01-01"),
                                  Line.event("JP-1", "2026-11-28T09:01:00+08:00"),
                                  Line.event("XK-2", "2026-11-28T09:02:00+08:00", town: "溪口镇", grid: "XK-01-02"),
                                  Line.event("JP-2", "2026-11-28T09:03:00+08:00")], admin)
        let read = await LedgerRig.onThread { () -> [String] in
            let ledger = DatabaseLedger.open(url: admin, console: "town-test", documentsFolder: NSTemporaryDirectory(), town: "溪口镇")
            var seen: [String] = []
            _ = ledger.append { view in
                seen = view.newRecords.map(\.id)
                return .success([])
            }
            return seen
        }
        #expect(read == ["XK-1", "XK-2"])
    }
}
