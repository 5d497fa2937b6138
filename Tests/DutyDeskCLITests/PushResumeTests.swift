import DutyCore
import DutyTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `push` resuming where it stopped when the ground moved under it: a file
/// rotated between a kill and the restart, and (with `--follow`) the
/// database server stopped and started again under a running push.
@Suite struct PushResumeTests {
    static func append(_ lines: [String], to file: URL) throws {
        if !FileManager.default.fileExists(atPath: file.path) { FileManager.default.createFile(atPath: file.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try handle.close()
    }

    static func lines(seed: UInt64, _ n: Int) -> [String] {
        String(decoding: GeneratedFeed.bytes(seed: seed, records: n), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func pushed(_ pg: ThrowawayPostgres, _ db: String) throws -> Int {
        Int(try pg.psql(db, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM record_echoes) + (SELECT count(*) FROM quarantine)")) ?? -1
    }

    /// Killed partway through a.jsonl; a.jsonl then renamed to a.jsonl.1 and
    /// a new a.jsonl written: the restart finishes the old file under its new
    /// name (same device and inode) and reads the new one whole.
    @Test func aFileRotatedBetweenAKillAndTheRestart() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let live = dir.appendingPathComponent("a.jsonl")
        let old = Self.lines(seed: 2001, 4_000) + ["{bad"]
        try Self.append(old, to: live)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["push", dir.path, "--db", url, "--batch", "100"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning, try Self.pushed(pg, db) < 300 { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try Self.pushed(pg, db)
        #expect(process.terminationReason == .uncaughtSignal && before > 0 && before < old.count, "pushed \(before) of \(old.count) before the kill")

        try FileManager.default.moveItem(at: live, to: dir.appendingPathComponent("a.jsonl.1"))
        let new = Self.lines(seed: 2002, 1_500) + ["{bad too"]
        try Self.append(new, to: live)
        let again = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.pushed(pg, db) == old.count + new.count)
        #expect(try pg.psql(db, "SELECT count(*) FROM quarantine") == "2")
        #expect(try CLIRunner.run(["stats", "--db", url]).stdout == (try CLIRunner.run(["stats", dir.path]).stdout))
        // Both files' positions, under their names now, each at its end.
        #expect(try pg.psql(db, #"SELECT string_agg(regexp_replace(file, '.*/', '') || ' ' || line, ', ' ORDER BY file) FROM file_positions"#)
                == "a.jsonl \(new.count), a.jsonl.1 \(old.count)")
    }

    /// `push --follow` while the server is stopped and started again: it
    /// says once that the database is offline (never the password), retries,
    /// and once back resumes from the committed positions.
    @Test func followSurvivesTheDatabaseGoingAway() throws {
        let pg = try ThrowawayPostgres.own()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let feed = dir.appendingPathComponent("a.jsonl")
        let parts = [Self.lines(seed: 3001, 900) + ["{bad 1"], Self.lines(seed: 3002, 700) + ["{bad 2"], Self.lines(seed: 3003, 500)]
        try Self.append(parts[0], to: feed)
        let errors = dir.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["push", "--follow", "--poll", "50", "--batch", "200", feed.path, "--db", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func waitFor(_ n: Int) throws -> Int {
            let deadline = Date().addingTimeInterval(60)
            var now = try Self.pushed(pg, db)
            while now < n, Date() < deadline, process.isRunning { usleep(50_000); now = try Self.pushed(pg, db) }
            return now
        }
        #expect(try waitFor(parts[0].count) == parts[0].count)

        try pg.stop()
        try Self.append(parts[1], to: feed)
        // Long enough for a failed commit and a few retries (0.5 s, 1 s, 2 s).
        usleep(2_500_000)
        #expect(process.isRunning, "push --follow gave up while the database was away")
        try pg.start()
        try Self.append(parts[2], to: feed)
        let total = parts.map(\.count).reduce(0, +)
        #expect(try waitFor(total) == total)
        usleep(300_000)   // a duplicate would come in a later poll
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(try Self.pushed(pg, db) == total)
        #expect(try CLIRunner.run(["stats", "--db", url]).stdout == (try CLIRunner.run(["stats", feed.path]).stdout))
        let said = try String(contentsOf: errors, encoding: .utf8)
        #expect(said.components(separatedBy: "database offline").count == 2, "\(said)")
        #expect(said.contains("数据库离线"))
        #expect(!said.contains(pg.password))
    }
}
