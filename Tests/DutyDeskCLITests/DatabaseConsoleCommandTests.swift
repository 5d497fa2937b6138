import DutyTestSupport
import Foundation
import Testing

/// `alerts --db`, `report --db` and `record --db` over the record log: the
/// same outputs as over the files that were pushed.
@Suite struct DatabaseConsoleCommandTests {
    /// Two generated days (with a duplicate and a bad line) in a folder,
    /// pushed into a new database of the shared cluster.
    static func pushedDays(_ label: String = #function) throws -> (url: String, dir: TempFolder) {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg, label)
        let dir = try TempFolder()
        var bytes = GeneratedFeed.bytes(seed: 15, days: 2)
        let firstLine = bytes.prefix { $0 != 0x0A }
        bytes += firstLine + [0x0A] + Array("{bad\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("day.jsonl")))
        let push = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.hasSuffix("1 duplicates, 0 conflicts, 1 quarantined\n"), "\(push.stdout)")
        return (url, dir)
    }

    static func run(_ args: [String]) throws -> CLIRunner.Result {
        let r = try CLIRunner.run(args, environment: ["DUTYDESK_DB": nil])
        #expect(r.status == 0, "\(args.first ?? ""): \(r.stderr)")
        return r
    }

    @Test func alertsOverTheDatabaseEqualAlertsOverTheFiles() throws {
        let (url, dir) = try Self.pushedDays()
        defer { dir.remove() }
        for at in ["2026-11-23T15:00:00+08:00", "2026-11-24T10:30:00+08:00"] {
            let files = try Self.run(["alerts", dir.path, "--at", at, "--json"]).stdout
            let db = try Self.run(["alerts", "--db", url, "--at", at, "--json"]).stdout
            #expect(!files.isEmpty && db == files)
            #expect(try Self.run(["alerts", "--db", url, "--at", at, "--lang", "en"]).stdout
                    == (try Self.run(["alerts", dir.path, "--at", at, "--lang", "en"]).stdout))
        }
    }

    @Test func reportOverTheDatabaseEqualsReportOverTheFiles() throws {
        let (url, dir) = try Self.pushedDays()
        defer { dir.remove() }
        let period = ["--from", "2026-11-23T00:00:00+08:00", "--to", "2026-11-24T12:00:00+08:00", "--format", "json"]
        let files = try Self.run(["report", dir.path] + period).stdout
        #expect(files.contains("\"events\""))
        #expect(try Self.run(["report", "--db", url] + period).stdout == files)
    }

    @Test func recordFromTheDatabaseHoldsThePeriodAsRecordFromTheFiles() throws {
        let (url, dir) = try Self.pushedDays()
        defer { dir.remove() }
        let out = try TempFolder()
        defer { out.remove() }
        let period = ["--from", "2026-11-23T12:00:00+08:00", "--to", "2026-11-24T09:59:59+08:00"]
        let fromDB = out.file("db.jsonl"), fromFiles = out.file("files.jsonl")
        let recorded = try Self.run(["record", "--db", url, "--out", fromDB] + period)
        #expect(recorded.stderr.contains("record(s) written to"))
        _ = try Self.run(["record", dir.path, "--out", fromFiles] + period)
        let stats = try Self.run(["stats", fromDB]).stdout
        #expect(stats == (try Self.run(["stats", fromFiles]).stdout))
        let counts = try CLIRunner.json(stats)
        #expect((counts.number("events.total") ?? 0) > 100 && counts.number("quarantined") == 0)
        // Played back to its end, the recording is the same state (`stats` of the replay's input).
        #expect(try Self.run(["stats", "--at", "2026-11-24T09:59:59+08:00", fromDB]).stdout
                == (try Self.run(["stats", "--at", "2026-11-24T09:59:59+08:00", fromFiles]).stdout))

        // Never over a file, never through a symlink.
        let before = try String(contentsOfFile: fromDB, encoding: .utf8)
        let again = try CLIRunner.run(["record", "--db", url, "--out", fromDB] + period)
        #expect(again.status == 2 && again.stderr.contains("never overwritten"))
        #expect(try String(contentsOfFile: fromDB, encoding: .utf8) == before)
        let target = out.file("target")
        try "kept\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out.file("link.jsonl"), withDestinationPath: target)
        let link = try CLIRunner.run(["record", "--db", url, "--out", out.file("link.jsonl")] + period)
        #expect(link.status == 2 && link.stderr.contains("symbolic link"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept\n")
    }

    @Test func aTownSeesOnlyItsOwnItems() throws {
        let (url, dir) = try Self.pushedDays()
        defer { dir.remove() }
        let all = try CLIRunner.json(try Self.run(["stats", "--db", url]).stdout)
        let town = try CLIRunner.json(try Self.run(["stats", "--db", url, "--town", "溪口镇"]).stdout)
        let events = try Self.run(["report", "--db", url, "--town", "溪口镇", "--from", "2026-11-23T00:00:00+08:00",
                                   "--to", "2026-11-25T00:00:00+08:00", "--format", "csv"]).stdoutLines
        let total = all.number("events.total") ?? 0, own = town.number("events.total") ?? 0
        #expect(own > 0 && own < total / 4)
        // The town table over the town's log: only 溪口镇's row has events.
        let rows = events.dropFirst().filter { !$0.hasPrefix("合计") }
        let withEvents = rows.filter { row in (Int(row.split(separator: ",").dropFirst().first ?? "") ?? 0) > 0 }
        #expect(withEvents.count == 1 && withEvents.first?.hasPrefix("溪口镇") == true, "\(events)")
        #expect(town.number("duplicates") == 0 && town.number("quarantined") == 0)
    }

    @Test func theDatabaseCommandsRefuseFilesWithTheDatabase() throws {
        let r = try CLIRunner.run(["alerts", "somewhere", "--db", "postgres://u@127.0.0.1:1/x"])
        #expect(r.status == 64 && r.stderr.contains("--db reads the database alone"))
        let t = try CLIRunner.run(["stats", "--db", "postgres://u@127.0.0.1:1/x", "--town", "不存在镇"])
        #expect(t.status == 64 && t.stderr.contains("--town must be one of"))
        // A database without the schema: said plainly, exit 2.
        let pg = try ThrowawayPostgres.cluster()
        let bare = pg.url(database: try pg.makeDatabase())
        let a = try CLIRunner.run(["alerts", "--db", bare])
        #expect(a.status == 2 && a.stderr.contains("run `dutydesk db init` first") && !a.stderr.contains(pg.password))
    }
}
