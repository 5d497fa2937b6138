import DutyCore
import DutyDB
import DutyTestSupport
import Foundation
import Testing

/// Schema step 2 against the throw-away PostgreSQL: the server's towns agree
/// with `RecordTowns`, the writer is the role, one console-written open task
/// per event, gap-free counters.
@Suite struct SchemaStep2Tests {
    /// A migrated database and its name.
    func database(_ label: String = #function) async throws -> (ThrowawayPostgres, String, DatabaseURL) {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase(label)
        let url = try DatabaseURL(pg.url(database: db))
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        return (pg, db, url)
    }

    /// Three generated days pushed unlabelled: the server labels every row,
    /// and each label is what `RecordTowns` says (an alert: its item's).
    @Test func serverTownsAgreeWithRecordTowns() async throws {
        let (pg, db, url) = try await database()
        var parser = FeedParser()
        var batch = PushBatch()
        var expected: [String: [String]?] = [:]   // "kind\tid\tts" → towns
        var itemTowns: [String: [String]?] = [:]
        var alertRefs: [String: String] = [:]
        let bytes = GeneratedFeed.bytes(seed: 15, days: 3)
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let text = String(decoding: line, as: UTF8.self)
            guard case .success(let record) = parser.parseRecord(text) else { continue }
            let key = "\(record.kind.wire)\t\(record.id)\t\(record.snapshot.exactTs)"
            guard expected[key] == nil else { continue }
            batch.append(kind: record.kind.wire, id: record.id, tsExact: record.snapshot.exactTs,
                         line: text, file: "feed.jsonl", actor: record.snapshot.by)
            if case .alert(let a) = record.snapshot.body {
                expected[key] = .some(nil)
                if let ref = a.ref { alertRefs[key] = ref }
            } else {
                expected[key] = .some(RecordTowns.of(record.snapshot.body))
                itemTowns["\(record.kind.wire):\(record.id)"] = .some(RecordTowns.of(record.snapshot.body))
            }
        }
        for (key, ref) in alertRefs { expected[key] = itemTowns[ref] ?? .some(nil) }
        #expect(batch.rows.count > 1000)
        #expect(alertRefs.count > 10, "the generated days have alerts about items")
        #expect(expected.values.contains { $0?.count ?? 0 > 0 })
        let pushed = batch
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(pushed, $0) }
        let rows = try pg.psql(db, "SELECT kind || E'\\t' || id || E'\\t' || ts_exact || E'\\t' || coalesce(array_to_string(towns, ','), '-') FROM records")
        var checked = 0, labelled = 0
        for row in rows.split(separator: "\n") {
            let parts = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let key = parts[0...2].joined(separator: "\t")
            let want = (expected[key] ?? nil).map { $0.joined(separator: ",") } ?? "-"
            #expect(parts[3] == want, "\(key)")
            checked += 1
            if parts[3] != "-" { labelled += 1 }
        }
        #expect(checked == batch.rows.count)
        #expect(labelled > checked / 2)
    }

    /// A document's towns are those named inside its addressees, in
    /// District order; one to a district office is district-wide.
    @Test func aDocumentIsAboutTheTownsItsAddresseesName() async throws {
        let (pg, db, _) = try await database()
        let addressed = #"{"kind":"notice","id":"D1","to":["溪口镇人民政府","锦屏街道综合行政执法中队"],"number":"奉综指督〔2026〕3号"}"#
        let district = #"{"kind":"notice","id":"D2","to":["区市场监管局"],"number":"奉综指通〔2026〕第12期"}"#
        try pg.psql(db, "INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('notice', 'D1', now(), 1, '\(addressed)'), ('notice', 'D2', now(), 1, '\(district)')")
        #expect(try pg.psql(db, "SELECT coalesce(array_to_string(towns, ','), '-') FROM records ORDER BY id") == "锦屏街道,溪口镇\n-")
        let body = NoticeBody(type: .supervision, number: "x", title: "t", to: ["溪口镇人民政府", "锦屏街道综合行政执法中队"],
                              refs: [], body: "", due: nil, status: .issued)
        #expect(RecordTowns.of(.notice(body)) == ["锦屏街道", "溪口镇"])
        #expect(try pg.psql(db, "SELECT value FROM counters WHERE name = 'notice:奉综指督〔2026〕'") == "3")
        #expect(try pg.psql(db, "SELECT value FROM counters WHERE name = 'notice:奉综指通〔2026〕'") == "12")
    }

    /// The writer is the database role, whatever the client says.
    @Test func theWriterIsTheRoleNotTheClient() async throws {
        let (pg, db, _) = try await database()
        try pg.psql(db, #"INSERT INTO records (kind, id, ts, ts_exact, line, written_by) VALUES ('event', 'E1', now(), 1, '{"town":"溪口镇"}', 'somebody_else')"#)
        #expect(try pg.psql(db, "SELECT written_by FROM records") == pg.user)
    }

    /// Two consoles' open tasks for one event: the second is refused by the
    /// database; once the first is returned, a new one may go out. A feed's
    /// second open task is a fact and is taken.
    @Test func oneConsoleWrittenOpenTaskPerEvent() async throws {
        let (pg, db, _) = try await database()
        func task(_ id: String, _ ts: Int, _ status: String, console: String?) -> String {
            let line = #"{"kind":"task","id":"\#(id)","event":"E1","town":"溪口镇","status":"\#(status)"}"#
            return "INSERT INTO records (kind, id, ts, ts_exact, line, console) VALUES ('task', '\(id)', now(), \(ts), '\(line)', \(console.map { "'\($0)'" } ?? "NULL"))"
        }
        try pg.psql(db, task("ZF-20261204-0001", 1, "dispatched", console: "c1"))
        do {
            try pg.psql(db, task("ZF-20261204-0002", 2, "dispatched", console: "c2"))
            Issue.record("a second open task for E1 was taken")
        } catch {
            #expect("\(error)".contains("task_state_one_open_per_event"), "\(error)")
        }
        #expect(try pg.psql(db, "SELECT count(*) FROM records WHERE id = 'ZF-20261204-0002'") == "0")
        try pg.psql(db, task("ZF-20261204-0003", 3, "dispatched", console: nil))   // a feed's: taken
        try pg.psql(db, task("ZF-20261204-0001", 4, "returned", console: "c1"))
        try pg.psql(db, task("ZF-20261204-0002", 5, "dispatched", console: "c2"))
        // An older snapshot arriving late never reopens a task.
        try pg.psql(db, task("ZF-20261204-0001", 2, "signed", console: "c1"))
        // Only the tasks consoles wrote are kept (step 5): not the feed's.
        #expect(try pg.psql(db, "SELECT task_id || ':' || open FROM task_state ORDER BY task_id") ==
                "ZF-20261204-0001:false\nZF-20261204-0002:true")
        #expect(try pg.psql(db, "SELECT value FROM counters WHERE name = 'task:ZF-20261204-'") == "3")
    }

    /// Numbers taken in a transaction that rolls back are given back; the
    /// counter is never below the caller's highest.
    @Test func numbersAreGapFree() async throws {
        let (pg, db, _) = try await database()
        #expect(try pg.psql(db, "SELECT dutydesk_next_number('task:ZF-20261204-', 0)") == "1")
        let rolledBack = try pg.psql(db, "BEGIN; SELECT dutydesk_next_number('task:ZF-20261204-', 0); ROLLBACK;")
        #expect(rolledBack.split(separator: "\n").contains("2"), "\(rolledBack)")
        #expect(try pg.psql(db, "SELECT dutydesk_next_number('task:ZF-20261204-', 0)") == "2")
        #expect(try pg.psql(db, "SELECT dutydesk_next_number('task:ZF-20261204-', 9)") == "10")
        #expect(try pg.psql(db, "SELECT dutydesk_next_number('task:ZF-20261204-', 3)") == "11")
    }
}
