import DutyTestSupport
import Foundation
import Testing

/// `dutydesk record`, run as a user would: merge, sort, cut, and a recording
/// whose `stats` equals the inputs' `stats`.
@Suite(.serialized) struct RecordCommandTests {
    /// Two interleaved halves of a generated day, with a bad line in the second.
    static func feeds(in dir: URL) throws -> (a: String, b: String) {
        let whole = dir.appendingPathComponent("whole.gen").path
        let g = try CLIRunner.run(["generate", "--seed", "5", "--days", "1", "--out", whole])
        #expect(g.status == 0, "\(g.stderr)")
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        var a: [String] = [], b: [String] = []
        for (i, line) in lines.enumerated() { if i % 2 == 0 { a.append(line) } else { b.append(line) } }
        b.insert("{not json", at: 5)
        let pa = dir.appendingPathComponent("a.jsonl").path, pb = dir.appendingPathComponent("b.jsonl").path
        try (a.joined(separator: "\n") + "\n").write(toFile: pa, atomically: true, encoding: .utf8)
        try (b.joined(separator: "\n") + "\n").write(toFile: pb, atomically: true, encoding: .utf8)
        return (pa, pb)
    }

    static func timestamps(_ path: String) throws -> [String] {
        // Lines without a ts (the bad line) are skipped.
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "\"ts\":\"") else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test func recordingIsSortedAndStatsMatchTheInputs() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let out = dir.appendingPathComponent("rec.out").path
        let r = try CLIRunner.run(["record", f.b, f.a, "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("record(s) written to \(out)") && r.stderr.contains("1 line(s) quarantined"))
        let ts = try Self.timestamps(out)
        #expect(ts == ts.sorted())   // one offset (+08:00) throughout, so text order is time order
        let inputs = try CLIRunner.json(try CLIRunner.run(["stats", f.a, f.b]).stdout)
        let recording = try CLIRunner.json(try CLIRunner.run(["stats", out]).stdout)
        #expect(recording.number("quarantined") == 0 && inputs.number("quarantined") == 1)
        var a = inputs, b = recording
        a["quarantined"] = nil; b["quarantined"] = nil
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
        #expect(r.stderr.contains("\(recording.number("records")!) record(s) written"))
    }

    @Test func fromAndToCutTheRecording() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let out = dir.appendingPathComponent("cut.out").path
        let r = try CLIRunner.run(["record", dir.path, "--from", "2026-11-28T09:00:00+08:00",
                                   "--to", "2026-11-28T10:00:00+08:00", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let ts = try Self.timestamps(out)
        #expect(!ts.isEmpty && ts == ts.sorted())
        #expect(ts.allSatisfy { $0 >= "2026-11-28T09:00:00" && $0 <= "2026-11-28T10:00:00.000" })
        let all = try Self.timestamps(f.a) + Self.timestamps(f.b)
        #expect(ts.count == all.filter { $0 >= "2026-11-28T09:00:00" && $0 <= "2026-11-28T10:00:00.000" }.count)
    }

    @Test func unreadablePathExitsTwoAndWritesNothing() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let out = dir.appendingPathComponent("none.out").path
        let r = try CLIRunner.run(["record", "/nonexistent/feed.jsonl", "--out", out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/feed.jsonl: No such file or directory"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let bad = try CLIRunner.run(["record", dir.path, "--from", "2026-11-28T10:00:00+08:00",
                                     "--to", "2026-11-28T09:00:00+08:00", "--out", out])
        #expect(bad.status != 0 && bad.stderr.contains("--from must not be after --to"))
    }

    /// A folder of more feed files than the soft limit of open files (a
    /// recording keeps each open): the limit is raised to the hard one, and
    /// every file is recorded. Before, past the 64th: "Too many open files".
    @Test func moreFilesThanTheSoftOpenFileLimit() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let feeds = dir.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        for i in 0..<100 {
            try (Line.event("E\(i)", String(format: "2026-11-28T09:%02d:%02d+08:00", i / 60, i % 60)) + "\n")
                .write(to: feeds.appendingPathComponent("f\(i).jsonl"), atomically: false, encoding: .utf8)
        }
        let out = dir.appendingPathComponent("out.jsonl").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "ulimit -S -n 64 && exec \"$0\" record -o \"$1\" \"$2\"", CLIRunner.executable.path, out, feeds.path]
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 100)
    }
}
