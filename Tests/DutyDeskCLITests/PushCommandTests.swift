import DutyTestSupport
import Foundation
import Testing

/// `dutydesk push` into the tests' own throw-away PostgreSQL, and `stats
/// --db` over what it pushed: the same counts as `stats` over the files.
@Suite struct PushCommandTests {
    /// Duplicates (byte for byte, and with other whitespace: compared field
    /// by field), conflicts (another status; the same instant in another
    /// zone), an older snapshot, bad lines, a line with a tab and a
    /// backslash escape (COPY's text format), two files.
    static let first = [
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        Line.event("E1", "2026-11-28T09:30:00+08:00", status: "dispatched"),
        Line.task("T1", "2026-11-28T09:30:00+08:00", due: "2026-11-28T10:00:00+08:00"),
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        #"{"kind":"alert","id":"A1","ts":"2026-11-28T09:50:00+08:00","level":"critical","type":"supervision","title":"督办\t\"急\"\\","status":"open"}"#,
        "{not json",
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
    ].joined(separator: "\n") + "\n"
    static let second = [
        Line.event("E1", "2026-11-28T01:30:00Z", status: "dispatched"),                 // the same instant, another zone: a conflict
        Line.event("E1", "2026-11-28T09:30:00+08:00", status: "closed"),                // a conflict
        Line.event("E2", "2026-11-28T08:00:00+08:00", status: "self_resolved", priority: "3", town: "溪口镇", grid: "XK-01-02",
                   domain: "新业态", source: "public", title: "后备箱摆摊占道"),
        Line.event("E1", "2026-11-28T08:45:00+08:00"),                                  // older: history only
        #"{"kind":"task","id":"T2"}"#,
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved").replacingOccurrences(of: ",", with: ", "),
    ].joined(separator: "\n") + "\n"

    static func stats(_ args: [String]) throws -> String {
        let r = try CLIRunner.run(["stats"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    static func initialised(_ pg: ThrowawayPostgres, _ label: String = #function) throws -> String {
        let url = pg.url(database: try pg.makeDatabase(label))
        let r = try CLIRunner.run(["db", "init", "--db", url])
        #expect(r.status == 0, "\(r.stderr)")
        return url
    }

    @Test func statsOverTheDatabaseEqualsStatsOverTheFiles() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try Self.initialised(pg)
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try Self.first.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        try Self.second.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
        let push = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout == "7 records, 2 duplicates, 2 conflicts, 2 quarantined\n")
        let files = try Self.stats([dir.path])
        let s = try CLIRunner.json(files)
        #expect(s.number("duplicates") == 2 && s.number("conflicts") == 2 && s.number("quarantined") == 2)
        #expect(try Self.stats(["--db", url]) == files)
        #expect(try pg.psql(URL(string: url)!.lastPathComponent, "SELECT line FROM records WHERE kind = 'alert'")
                == #"{"kind":"alert","id":"A1","ts":"2026-11-28T09:50:00+08:00","level":"critical","type":"supervision","title":"督办\t\"急\"\\","status":"open"}"#)
        #expect(!(push.stdout + push.stderr).contains(pg.password))
    }

    @Test func aSecondPushSendsOnlyWhatIsNew() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try Self.initialised(pg)
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("a.jsonl")
        try Self.first.write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["push", file.path, "--db", url]).stdout == "5 records, 1 duplicates, 0 conflicts, 1 quarantined\n")
        #expect(try CLIRunner.run(["push", file.path, "--db", url]).stdout == "0 records, 0 duplicates, 0 conflicts, 0 quarantined\n")
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.second.utf8))
        try handle.close()
        let third = try CLIRunner.run(["push", dir.path, "--db", url], environment: ["DUTYDESK_DB": nil])
        #expect(third.stdout == "2 records, 1 duplicates, 2 conflicts, 1 quarantined\n", "\(third.stderr)")
        #expect(try Self.stats(["--db", url]) == (try Self.stats([dir.path])))
        let db = URL(string: url)!.lastPathComponent
        #expect(try pg.psql(db, #"SELECT file || ' ' || line FROM file_positions"#) == "\(file.path) 13")
    }

    @Test func smallBatchesOfAGeneratedDayGiveTheSameStats() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try Self.initialised(pg)
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        var bytes = GeneratedFeed.bytes(seed: 15, records: 3_000)
        bytes += Array((Self.first + Self.second).utf8)
        try Data(bytes).write(to: dir.appendingPathComponent("day.jsonl"))
        let push = try CLIRunner.run(["push", dir.path, "--db", url, "--batch", "97"])
        #expect(push.status == 0, "\(push.stderr)")
        #expect(try Self.stats(["--db", url]) == (try Self.stats([dir.path])))
    }

    @Test func pushRefusesADatabaseWithoutTheSchema() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = pg.url(database: try pg.makeDatabase())
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try Self.first.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(r.status == 2)
        #expect(r.stderr.contains("run `dutydesk db init` first"), "\(r.stderr)")
    }
}

/// `push --follow`: lines appended later are committed as they come, a
/// partial line only once it is whole.
@Suite struct PushFollowTests {
    @Test func followCommitsAppendedLines() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("live.jsonl")
        try (Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["push", "--follow", "--poll", "50", dir.path, "--db", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        let reader = LineReader(out.fileHandleForReading)
        #expect(reader.next(timeout: 20) == "1 records, 0 duplicates, 0 conflicts, 0 quarantined")

        let update = Line.event("E1", "2026-11-28T09:05:00+08:00", status: "self_resolved")
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data(update.prefix(40).utf8))
        // The partial line is not committed; its rest and a bad line are.
        handle.write(Data((String(update.dropFirst(40)) + "\n" + "{bad\n").utf8))
        try handle.close()
        var last = ""
        while let line = reader.next(timeout: 20) {
            last = line
            if line == "2 records, 0 duplicates, 0 conflicts, 1 quarantined" { break }
        }
        #expect(last == "2 records, 0 duplicates, 0 conflicts, 1 quarantined")
        #expect(try pg.psql(db, "SELECT string_agg(id || ':' || (line::json->>'status'), ',' ORDER BY seq) FROM records") == "E1:open,E1:self_resolved")
        #expect(try CLIRunner.run(["stats", "--db", url]).stdout == (try CLIRunner.run(["stats", dir.path]).stdout))
    }
}
