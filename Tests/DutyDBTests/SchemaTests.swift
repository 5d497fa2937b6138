import DutyDB
import DutyTestSupport
import Testing

/// The schema against the tests' own throw-away PostgreSQL: created in one
/// step, idempotent, counted by `DatabaseStatus`.
@Suite struct SchemaTests {
    @Test func initTwiceCreatesThenChangesNothing() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try DatabaseURL(pg.url(database: try pg.makeDatabase()))
        let first = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        #expect(first.from == 0 && first.to == Schema.latest)
        let second = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        #expect(second.from == Schema.latest && second.to == Schema.latest)
        let db = url.database
        #expect(try pg.psql(db, "SELECT count(*) FROM schema_version") == "\(Schema.migrations.count)")
        let tables = try pg.psql(db, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables == "counters,file_positions,quarantine,record_echoes,records,schema_version,task_state,town_roles")
    }

    @Test func statusCountsEachTablesRows() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase()
        let url = try DatabaseURL(pg.url(database: db))
        let none = try await DatabaseSession.with(url) { try await DatabaseStatus.read($0) }
        #expect(none.version == nil)
        #expect(none.lines == ["schema: none (run `dutydesk db init`)"])
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        try pg.psql(db, """
            INSERT INTO records (kind, id, ts, ts_exact, line) VALUES
              ('event', 'E1', '2026-11-28T09:00:00+08', 1, '{}'), ('event', 'E1', '2026-11-28T09:30:00+08', 2, '{}'),
              ('task', 'T1', '2026-11-28T09:30:00+08', 2, '{}');
            INSERT INTO quarantine (file, line, "offset", class, reason) VALUES ('a.jsonl', 3, 120, 'invalid JSON', 'x');
            INSERT INTO counters VALUES ('task:2026', 7);
            """)
        let status = try await DatabaseSession.with(url) { try await DatabaseStatus.read($0) }
        #expect(status.version == Schema.latest)
        #expect(status.counts == ["records": 3, "record_echoes": 0, "quarantine": 1, "file_positions": 0, "counters": 1])
        // Then the district's roles, the cluster's (other tests may be granting some now).
        #expect(status.lines.prefix(6) == ["schema version \(Schema.latest)", "records 3", "record_echoes 0", "quarantine 1",
                                           "file_positions 0", "counters 1"])
    }

    @Test func oneSnapshotPerKindIdAndInstant() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase()
        let url = try DatabaseURL(pg.url(database: db))
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        try pg.psql(db, #"INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('event', 'E1', now(), 1, '{"a":1}')"#)
        #expect(throws: ThrowawayPostgresError.self) {
            try pg.psql(db, #"INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('event', 'E1', now(), 1, '{"b":1}')"#)
        }
        try pg.psql(db, #"INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('task', 'E1', now(), 1, '{"c":1}')"#)
        #expect(try pg.psql(db, "SELECT count(*) FROM records") == "2")
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let secret = "Wr0ng-s3cret-pw"
        let url = try DatabaseURL(pg.url(database: try pg.makeDatabase(), password: secret))
        do {
            _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
            Issue.record("a wrong password connected")
        } catch let error as DatabaseError {
            #expect(error.sqlState == "28P01", "\(error)")
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains(secret))
            #expect(!"\(error)".contains(secret) && !String(reflecting: error).contains(secret))
        }
    }

    @Test func aDatabaseNewerThanThisProgramIsNotTouched() async throws {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase()
        let url = try DatabaseURL(pg.url(database: db))
        _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        try pg.psql(db, "INSERT INTO schema_version (version, name) VALUES (\(Schema.latest + 1), 'from the future')")
        await #expect(throws: DatabaseError.self) {
            _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
        }
        #expect(try pg.psql(db, "SELECT max(version) FROM schema_version") == "\(Schema.latest + 1)")
    }
}
