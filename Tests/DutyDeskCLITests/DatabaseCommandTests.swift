import DutyTestSupport
import Foundation
import Testing

/// `dutydesk db init|status`, run as a user would, against the tests' own
/// throw-away PostgreSQL.
@Suite struct DatabaseCommandTests {
    @Test func initTwiceThenStatus() throws {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase()
        let url = pg.url(database: db)
        let first = try CLIRunner.run(["db", "init", "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        // The version this dutydesk's schema ends at: every step, in order.
        let latest = try pg.psql(db, "SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version")
            .split(separator: ",").last.map(String.init) ?? "?"
        #expect(try pg.psql(db, "SELECT count(*) FROM schema_version") == latest)
        #expect(first.stdout == "schema version \(latest): created\n")
        let second = try CLIRunner.run(["db", "init"], environment: ["DUTYDESK_DB": url])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "schema version \(latest): up to date\n")
        let status = try CLIRunner.run(["db", "status", "--db", url])
        #expect(status.status == 0, "\(status.stderr)")
        // Then the district's roles, the cluster's (other tests may be granting some now).
        #expect(status.stdoutLines.dropFirst().prefix(6) == ["schema version \(latest)", "records 0", "record_echoes 0", "quarantine 0",
                                                             "file_positions 0", "counters 0"])
        for r in [first, second, status] {
            #expect(!(r.stdout + r.stderr).contains(pg.password))
        }
        #expect(status.stdoutLines.first == "database postgres://\(pg.user):***@127.0.0.1:\(pg.port)/\(URL(string: url)!.lastPathComponent)")
    }

    @Test func statusWithoutSchemaSaysSoAndExits1() throws {
        let pg = try ThrowawayPostgres.cluster()
        let r = try CLIRunner.run(["db", "status", "--db", pg.url(database: try pg.makeDatabase())])
        #expect(r.status == 1)
        #expect(r.stdout.contains("schema: none (run `dutydesk db init`)"))
    }

    @Test func aWrongPasswordIsNamedNeverPrinted() throws {
        let pg = try ThrowawayPostgres.cluster()
        let secret = "Not-The-Pw-4711"
        let url = pg.url(database: try pg.makeDatabase(), password: secret)
        for args in [["db", "init", "--db", url], ["db", "status", "--db", url]] {
            let r = try CLIRunner.run(args, environment: ["DUTYDESK_LOG": "trace"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("password authentication failed"), "\(r.stderr)")
            #expect(r.stderr.contains(":***@127.0.0.1"), "\(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains(secret), "\(r.stderr)")
        }
        let env = try CLIRunner.run(["db", "init"], environment: ["DUTYDESK_DB": url])
        #expect(env.status == 2 && !(env.stdout + env.stderr).contains(secret))
    }

    @Test func noDatabaseOrABadOneIsAUsageError() throws {
        let none = try CLIRunner.run(["db", "init"], environment: ["DUTYDESK_DB": nil])
        #expect(none.status == 64)
        #expect(none.stderr.contains("no database: give --db"))
        let bad = try CLIRunner.run(["db", "status", "--db", "mysql://duty:Sekrit-99@h/x"])
        #expect(bad.status == 64)
        #expect(!(bad.stdout + bad.stderr).contains("Sekrit-99"), "\(bad.stderr)")
    }

    @Test func anUnreachableServerIsNamed() throws {
        let r = try CLIRunner.run(["db", "status", "--db", "postgres://duty:Sekrit-98@127.0.0.1:1/x"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("connecting to the database (postgres://duty:***@127.0.0.1:1/x)"), "\(r.stderr)")
        #expect(!r.stderr.contains("Sekrit-98"))
    }
}
