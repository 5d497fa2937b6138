import DutyCore
import DutyDB
import DutyTestSupport
import Foundation
import Testing

/// Town roles are limited by PostgreSQL itself (schema step 3): every refusal
/// here is the server's, met by `psql` logged in over TCP with the role's
/// password, as a town's administrator would try it by hand.
@Suite struct TownRoleTests {
    /// A database at the latest schema with a 溪口镇 and a 锦屏街道 event, a
    /// quarantined line, a town role and a district role (unique names: roles
    /// are the cluster's, shared by every test's database).
    struct Fixture {
        let pg: ThrowawayPostgres
        let db: String
        let town: (role: String, password: String)
        let district: (role: String, password: String)

        init(_ label: String = #function) async throws {
            pg = try ThrowawayPostgres.cluster()
            db = try pg.makeDatabase(label)
            let url = try DatabaseURL(pg.url(database: db))
            _ = try await DatabaseSession.with(url) { try await Schema.migrate($0) }
            let suffix = String(db.suffix(8))
            town = ("xk_\(suffix)", "town-pw-\(suffix)")
            district = ("dc_\(suffix)", "district-pw-\(suffix)")
            let town = self.town, district = self.district
            _ = try await DatabaseSession.with(url) { session in
                _ = try await RoleGrant(role: town.role, scope: .town("溪口镇"), password: town.password).apply(session)
                _ = try await RoleGrant(role: district.role, scope: .district, password: district.password).apply(session)
            }
            try pg.psql(db, """
                INSERT INTO records (kind, id, ts, ts_exact, line) VALUES
                  ('event', 'SJ-XK-1', now(), 1, \(Self.literal(Line.event("SJ-XK-1", "2026-11-28T09:00:00+08:00", town: "溪口镇", grid: "XK-01-01")))),
                  ('event', 'SJ-JP-1', now(), 1, \(Self.literal(Line.event("SJ-JP-1", "2026-11-28T09:00:00+08:00", town: "锦屏街道"))));
                INSERT INTO quarantine (file, line, "offset", class, reason) VALUES ('a.jsonl', 3, 120, 'invalid JSON', 'x');
                """)
        }

        /// `psql` over TCP (127.0.0.1) as `role`, with its password.
        func psql(as role: (role: String, password: String), _ sql: String) -> ChildProcess.Result {
            ChildProcess.run(pg.bin + "/psql", ["-X", "-At", "-v", "ON_ERROR_STOP=1",
                                                "postgresql://\(role.role):\(role.password)@127.0.0.1:\(pg.port)/\(db)", "-c", sql])
        }

        func url(as role: (role: String, password: String)) throws -> DatabaseURL {
            try DatabaseURL(pg.url(database: db, user: role.role, password: role.password))
        }

        static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

        static func insert(_ id: String, town: String) -> String {
            "INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('event', '\(id)', now(), 1, "
                + literal(Line.event(id, "2026-11-28T10:00:00+08:00", town: town)) + ")"
        }
    }

    @Test func aTownRoleReadsOnlyItsTownsRecords() async throws {
        let f = try await Fixture()
        let other = f.psql(as: f.town, "SELECT id FROM records WHERE id = 'SJ-JP-1'")
        #expect(other.status == 0 && other.output.isEmpty, "\(other.output)")
        let all = f.psql(as: f.town, "SELECT string_agg(id, ',' ORDER BY seq) FROM records")
        #expect(all.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SJ-XK-1", "\(all.output)")
        let district = f.psql(as: f.district, "SELECT string_agg(id, ',' ORDER BY seq) FROM records")
        #expect(district.output.trimmingCharacters(in: .whitespacesAndNewlines) == "SJ-XK-1,SJ-JP-1", "\(district.output)")
    }

    @Test func aTownRoleCannotWriteAboutAnotherTown() async throws {
        let f = try await Fixture()
        let refused = f.psql(as: f.town, Fixture.insert("SJ-JP-2", town: "锦屏街道"))
        #expect(refused.status != 0)
        #expect(refused.output.contains(#"new row violates row-level security policy for table "records""#), "\(refused.output)")
        // Naming its own town in the column the trigger fills is not the client's to do.
        let forged = f.psql(as: f.town, "INSERT INTO records (kind, id, ts, ts_exact, line, towns) VALUES ('event', 'SJ-JP-3', now(), 1, "
                                + Fixture.literal(Line.event("SJ-JP-3", "2026-11-28T10:00:00+08:00", town: "锦屏街道")) + ", '{溪口镇}')")
        #expect(forged.status != 0 && forged.output.contains("permission denied for table records"), "\(forged.output)")
        #expect(try f.pg.psql(f.db, "SELECT count(*) FROM records WHERE id LIKE 'SJ-JP-%'") == "1")
    }

    @Test func aTownRoleWritesAboutItsOwnTown() async throws {
        let f = try await Fixture()
        let written = f.psql(as: f.town, Fixture.insert("SJ-XK-2", town: "溪口镇") + " RETURNING towns, written_by")
        #expect(written.status == 0, "\(written.output)")
        #expect(written.output.hasPrefix("{溪口镇}|\(f.town.role)"), "\(written.output)")
        // An alert is about its item's town, looked up by the server.
        func alert(_ id: String, about ref: String) -> String {
            "INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('alert', '\(id)', now(), 1, "
                + Fixture.literal(#"{"kind":"alert","id":"\#(id)","ts":"2026-11-28T10:00:00+08:00","level":"warning","type":"overdue","title":"超时","status":"open","ref":"\#(ref)"}"#) + ")"
        }
        #expect(f.psql(as: f.town, alert("AL-1", about: "event:SJ-XK-1")).status == 0)
        let other = f.psql(as: f.town, alert("AL-2", about: "event:SJ-JP-1"))
        #expect(other.status != 0 && other.output.contains("row-level security"), "\(other.output)")
        // The counter function works for it (it runs as the owner).
        let number = f.psql(as: f.town, "SELECT dutydesk_next_number('task:ZF-20261128-', 4)")
        #expect(number.status == 0 && number.output.hasPrefix("5"), "\(number.output)")
    }

    @Test func nobodyButTheOwnerUpdatesOrDeletes() async throws {
        let f = try await Fixture()
        for role in [f.town, f.district] {
            for sql in ["UPDATE records SET line = '{}' WHERE id = 'SJ-XK-1'", "DELETE FROM records WHERE id = 'SJ-XK-1'", "TRUNCATE records"] {
                let r = f.psql(as: role, sql)
                #expect(r.status != 0 && r.output.contains("permission denied for table records"), "\(role.role) \(sql): \(r.output)")
            }
        }
        #expect(try f.pg.psql(f.db, "SELECT count(*) FROM records WHERE line <> '{}'") == "2")
    }

    @Test func aTownRoleCannotReadTheDistrictsTables() async throws {
        let f = try await Fixture()
        for table in ["quarantine", "record_echoes", "file_positions", "counters", "town_roles"] {
            let r = f.psql(as: f.town, "SELECT count(*) FROM \(table)")
            #expect(r.status != 0 && r.output.contains("permission denied for table \(table)"), "\(table): \(r.output)")
        }
        // Nor learn another town's items through the functions that label rows.
        for call in ["dutydesk_ref_towns('event:SJ-JP-1')", #"dutydesk_record_towns('alert', '{"ref":"event:SJ-JP-1"}')"#] {
            let r = f.psql(as: f.town, "SELECT \(call)")
            #expect(r.status != 0 && r.output.contains("permission denied for function"), "\(call): \(r.output)")
        }
        let district = f.psql(as: f.district, "SELECT count(*) FROM quarantine")
        #expect(district.status == 0 && district.output.hasPrefix("1"), "\(district.output)")
    }

    @Test func theLogLoadsWhatTheRoleMayRead() async throws {
        let f = try await Fixture()
        let town = Store(), district = Store()
        try await DatabaseSession.with(try f.url(as: f.town)) { try await RecordLog.load(into: town, $0) }
        try await DatabaseSession.with(try f.url(as: f.district)) { try await RecordLog.load(into: district, $0) }
        #expect(town.count(.event) == 1 && district.count(.event) == 2)
        let status = try await DatabaseSession.with(try f.url(as: f.town)) { try await DatabaseStatus.read($0) }
        #expect(status.counts == ["records": 1])
        #expect(status.lines.contains("record_echoes (no access)"))
        #expect(status.roles.map(\.line) == ["role \(f.town.role): town 溪口镇"])
    }

    @Test func grantingAgainChangesNothingAndTheOtherScopeMovesTheRole() async throws {
        let f = try await Fixture()
        let url = try DatabaseURL(f.pg.url(database: f.db))
        let again = try await DatabaseSession.with(url) {
            try await RoleGrant(role: f.town.role, scope: .town("溪口镇"), password: nil).apply($0)
        }
        #expect(!again.created && !again.passwordSet)
        #expect(f.psql(as: f.town, "SELECT count(*) FROM records").output.hasPrefix("1"), "the password was kept")
        _ = try await DatabaseSession.with(url) { try await RoleGrant(role: f.town.role, scope: .town("锦屏街道"), password: nil).apply($0) }
        #expect(f.psql(as: f.town, "SELECT string_agg(id, ',') FROM records").output.hasPrefix("SJ-JP-1"))
        _ = try await DatabaseSession.with(url) { try await RoleGrant(role: f.town.role, scope: .district, password: nil).apply($0) }
        #expect(f.psql(as: f.town, "SELECT count(*) FROM records").output.hasPrefix("2"))
        #expect(try f.pg.psql(f.db, "SELECT count(*) FROM town_roles WHERE role = '\(f.town.role)'") == "0")
        let status = try await DatabaseSession.with(url) { try await DatabaseStatus.read($0) }
        #expect(status.lines.contains("role \(f.town.role): district") && status.lines.contains("role \(f.district.role): district"), "\(status.lines)")
    }

    @Test func whatPostgreSQLWouldNotLimitIsRefused() async throws {
        let f = try await Fixture()
        let url = try DatabaseURL(f.pg.url(database: f.db))
        await #expect(throws: DatabaseError.self) {
            _ = try await DatabaseSession.with(url) { try await RoleGrant(role: f.pg.user, scope: .town("溪口镇"), password: nil).apply($0) }
        }
        #expect(throws: DatabaseError.self) { try RoleGrant(role: "x", scope: .town("溪口"), password: nil) }
        #expect(throws: DatabaseError.self) { try RoleGrant(role: "dutydesk_town", scope: .district, password: nil) }
        #expect(try f.pg.psql(f.db, "SELECT count(*) FROM town_roles") == "1")
    }
}
