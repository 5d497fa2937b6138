import DutyCore
import DutyDB
import DutyTestSupport
import Foundation
import Testing

/// A push batch's new lines are COPYed straight into `records`; a batch that
/// meets a held record (or anything else the server refuses in a COPY) is
/// decided the staged way, with the same counts. And schema step 5:
/// `task_state` holds only the tasks consoles wrote, their state computed
/// from all their rows.
@Suite struct PushStraightTests {
    /// A migrated database of the test's own (as `SchemaStep2Tests` makes them).
    func database(_ label: String = #function) async throws -> (ThrowawayPostgres, String, DatabaseURL) {
        try await SchemaStep2Tests().database(label)
    }

    static func task(_ id: String, _ ts: Int64, _ status: String, event: String = "E1") -> (String, Int64, String) {
        (id, ts, #"{"kind":"task","id":"\#(id)","event":"\#(event)","town":"溪口镇","status":"\#(status)"}"#)
    }

    static func batch(_ rows: [(String, Int64, String)], kind: String = "task") -> PushBatch {
        var batch = PushBatch()
        for (id, ts, line) in rows { batch.append(kind: kind, id: id, tsExact: ts, line: line, file: "feed.jsonl", actor: nil) }
        return batch
    }

    /// `ts` is the instant `ts_exact` names, to the microsecond, for
    /// instants with and without fractions, before 1970 and far ahead;
    /// a year PostgreSQL cannot take as text (0) goes the staged way.
    @Test func straightRowsKeepTheirExactInstant() async throws {
        let (pg, db, url) = try await database()
        let instants: [Int64] = [1_764_604_800_000_000, 1_764_604_800_123_000, 1_764_604_800_123_456, 1,
                                 -1, -86_400_000_001, 253_402_300_799_999_999]
        let rows = instants.enumerated().map { ("E\($0.offset)", $0.element, #"{"kind":"event","id":"E\#($0.offset)","town":"溪口镇"}"#) }
        let counts = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch(rows, kind: "event"), $0) }
        #expect(counts.records == instants.count)
        let exact = "extract(epoch FROM ts) * 1000000 = ts_exact"
        let inexact = try pg.psql(db, "SELECT coalesce(string_agg(id || ' ' || ts || ' ' || ts_exact, ', '), '') FROM records WHERE NOT (\(exact))")
        #expect(inexact == "")
        // As the staged way's `to_timestamp` gives, where a float holds the microseconds.
        #expect(try pg.psql(db, "SELECT count(*) FROM records WHERE abs(ts_exact) < 4e15 AND ts = to_timestamp(ts_exact::float8 / 1000000)") == "\(instants.count - 1)")
        #expect(try pg.psql(db, "SELECT string_agg(extract(microseconds FROM ts)::bigint::text, ',' ORDER BY seq) FROM records WHERE id IN ('E1','E2')") == "123000,123456")
        // Year 0 (1 BC) is no timestamptz text, but to_timestamp takes it.
        let yearZero: Int64 = -62_135_596_800_000_000 - 86_400_000_000
        let more = [("Z1", yearZero, #"{"kind":"event","id":"Z1","town":"溪口镇"}"#)]
        let staged = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch(more, kind: "event"), $0) }
        #expect(staged.records == 1)
        #expect(try pg.psql(db, "SELECT count(*) FROM records WHERE id = 'Z1' AND \(exact)") == "1")
    }

    /// A batch meeting held records: the straight COPY is refused, the
    /// staged way adds the new lines and judges the others field by field.
    @Test func aBatchMeetingHeldRecordsIsDecidedTheStagedWay() async throws {
        let (pg, db, url) = try await database()
        // Valid lines: a duplicate and a conflict are told apart field by field.
        let ts = "2026-12-04T09:00:00+08:00", due = "2026-12-05T09:00:00+08:00"
        func task(_ id: String, _ status: String) -> (String, Int64, String) {
            (id, 1_764_810_000_000_000, Line.task(id, ts, due: due, status: status))
        }
        let first = [task("ZF-20261204-0001", "dispatched"), task("ZF-20261204-0002", "dispatched")]
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch(first), $0) }
        let second = [task("ZF-20261204-0003", "dispatched"),
                      task("ZF-20261204-0001", "dispatched"),     // the same: a duplicate
                      task("ZF-20261204-0002", "signed"),         // other content: a conflict
                      task("ZF-20261204-0004", "dispatched")]
        let counts = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch(second), $0) }
        #expect(counts.records == 2)
        #expect(counts.duplicates == 1)
        #expect(counts.conflicts == 1)
        #expect(try pg.psql(db, "SELECT string_agg(id, ',' ORDER BY seq) FROM records") ==
                "ZF-20261204-0001,ZF-20261204-0002,ZF-20261204-0003,ZF-20261204-0004")
        #expect(try pg.psql(db, "SELECT string_agg(verdict, ',' ORDER BY id) FROM record_echoes") == "duplicate,conflict")
        #expect(try pg.psql(db, "SELECT value FROM counters WHERE name = 'task:ZF-20261204-'") == "4")
    }

    /// Feed tasks stay out of `task_state`; the first console row of a task
    /// enters it with the state of all its rows: here the feed's later
    /// snapshot keeps it open, so a console's second open task for the
    /// event is refused (judging the console's row alone would allow it).
    @Test func taskStateHoldsConsoleTasksWithTheStateOfAllTheirRows() async throws {
        let (pg, db, url) = try await database()
        let feed = [Self.task("ZF-20261204-0001", 5, "dispatched"), Self.task("ZF-20261204-0009", 5, "dispatched", event: "E9")]
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch(feed), $0) }
        #expect(try pg.psql(db, "SELECT count(*) FROM task_state") == "0")
        func console(_ id: String, _ ts: Int, _ status: String) -> String {
            let line = #"{"kind":"task","id":"\#(id)","event":"E1","town":"溪口镇","status":"\#(status)"}"#
            return "INSERT INTO records (kind, id, ts, ts_exact, line, console) VALUES ('task', '\(id)', now(), \(ts), '\(line)', 'c1')"
        }
        try pg.psql(db, console("ZF-20261204-0001", 3, "returned"))   // older than the feed's: the task stays open
        #expect(try pg.psql(db, "SELECT task_id || ':' || open || ':' || console || ':' || ts_exact FROM task_state") ==
                "ZF-20261204-0001:true:true:5")
        #expect(throws: (any Error).self) { try pg.psql(db, console("ZF-20261204-0002", 6, "dispatched")) }
        // A feed row of a console's task moves its state: now it is done.
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(Self.batch([Self.task("ZF-20261204-0001", 7, "done")]), $0) }
        let log = try pg.psql(db, "SELECT string_agg(id || ' ' || ts_exact || ' ' || line, ', ' ORDER BY seq) FROM records") + " | " + pg.psql(db, "SELECT string_agg(task_state::text, ', ') FROM task_state")
        #expect(try pg.psql(db, "SELECT open::text FROM task_state WHERE task_id = 'ZF-20261204-0001'") == "false", "\(log)")
        try pg.psql(db, console("ZF-20261204-0002", 8, "dispatched"))
        #expect(try pg.psql(db, "SELECT string_agg(task_id || ':' || open, ',' ORDER BY task_id) FROM task_state") ==
                "ZF-20261204-0001:false,ZF-20261204-0002:true")
    }
}
