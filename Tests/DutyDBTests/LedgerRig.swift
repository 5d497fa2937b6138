import DutyCore
import DutyDB
import DutyTestSupport
import Foundation

/// What the ledger tests share: a migrated database of their own, operator
/// roles that log in by password, events seeded as a push writes them, and
/// a thread to run a ledger on (it waits with `Blocking.run`, which must
/// never hold a thread of Swift's concurrency pool).
enum LedgerRig {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
    static let password = "ledger-pw-4711"

    /// A new database at the latest schema; its superuser URL.
    static func database(_ pg: ThrowawayPostgres, _ label: String = #function) async throws -> (name: String, url: DatabaseURL) {
        let name = try pg.makeDatabase(label)
        let url = try DatabaseURL(pg.url(database: name))
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        return (name, url)
    }

    /// A login role named `name` (made once per cluster; tests running at
    /// once may race to make it) allowed to read and write the log of `db`.
    static func role(_ name: String, _ pg: ThrowawayPostgres, _ db: String) throws -> DatabaseURL {
        try pg.psql(db, """
            DO $$ BEGIN CREATE ROLE "\(name)" LOGIN PASSWORD '\(password)';
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO "\(name)";
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "\(name)";
            GRANT dutydesk_district TO "\(name)";
            """)
        let user = name.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed)!
        return try DatabaseURL(pg.url(database: db, user: user, password: password))
    }

    /// Feed lines written into the log as `push` writes them.
    static func seed(_ lines: [String], _ url: DatabaseURL) async throws {
        var batch = PushBatch()
        var parser = FeedParser()
        for line in lines {
            let r = try parser.parseRecord(line).get()
            batch.append(kind: r.kind.wire, id: r.id, tsExact: r.snapshot.exactTs, line: line,
                         file: "seed.jsonl", actor: r.snapshot.by)
        }
        let rows = batch
        _ = try await DatabaseSession.with(url) { try await RecordLog.commit(rows, $0) }
    }

    /// Open events E01…En at 09:00.
    static func events(_ n: Int) -> [String] {
        (1...n).map { Line.event(eventID($0), "2026-11-28T09:00:00+08:00") }
    }

    static func eventID(_ i: Int) -> String { "E" + (i < 10 ? "0" : "") + String(i) }

    /// A console over the database: a store on the fixed clock holding the
    /// whole log, and its desk. Call on a ledger thread (`onThread`).
    static func console(_ url: DatabaseURL, id: String) -> (desk: ActionDesk, ledger: DatabaseLedger) {
        let store = Store(clock: .fixed(now))
        let ledger = DatabaseLedger.open(url: url, console: id, documentsFolder: NSTemporaryDirectory())
        if case .success(let read) = ledger.poll() { for r in read.records { store.apply(r) } }
        return (ActionDesk(store: store, journal: ledger, operatorName: "--operator is not used"), ledger)
    }

    /// Runs `body` on a thread of its own and awaits its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { done in
            let thread = Thread { done.resume(returning: body()) }
            thread.start()
        }
    }

    /// The task ids the log holds, in seq order.
    static func taskIDs(_ pg: ThrowawayPostgres, _ db: String) throws -> [String] {
        try pg.psql(db, "SELECT id FROM records WHERE kind = 'task' ORDER BY seq").split(separator: "\n").map(String.init)
    }
}
