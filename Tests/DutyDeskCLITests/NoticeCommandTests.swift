import DutyTestSupport
import Foundation
import Testing

/// Issue 13 through the real binary: `check` names a notice's bad field,
/// `stats` counts notices with every key present, and `generate` writes
/// the district profile by default and the bench's mix on request.
@Suite(.serialized) struct NoticeCommandTests {
    @Test func checkAndStatsReadNotices() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("docs.jsonl")
        let lines = [
            NoticeLine.make("S1", "2026-11-20T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#),
            NoticeLine.make("B1", "2026-11-05T10:00:00+08:00", type: #""bulletin""#, refs: "[]", due: "null"),
            NoticeLine.make("S2", "2026-11-20T10:00:00+08:00", to: "[]"),
            Line.event("E1", "2026-11-28T09:00:00+08:00", source: "petition", extra: #","satisfied":true"#),
        ]
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let check = try CLIRunner.run(["check", file.path])
        #expect(check.status == 1)
        #expect(check.stdoutLines.first == "\(file.path):3: field \"to\": must name at least one addressee")
        #expect(check.stdout.contains("4 lines: 3 good, 1 bad"))
        let stats = try CLIRunner.run(["stats", "--at", "2026-11-28T12:00:00+08:00", file.path])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains(#""notices":{"total":2,"by_type":{"risk_notice":0,"supervision":1,"bulletin":1},"by_status":{"issued":2,"replied":0,"closed":0,"withdrawn":0},"overdue_replies":1}"#),
                "\(stats.stdout)")
    }

    @Test func generateWritesTheDistrictProfileByDefault() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let district = dir.appendingPathComponent("d.jsonl").path, bench = dir.appendingPathComponent("b.jsonl").path
        #expect(try CLIRunner.run(["generate", "--seed", "1", "--days", "40", "--start", "2026-01-01T00:00:00+08:00", "--out", district]).status == 0)
        #expect(try CLIRunner.run(["generate", "--seed", "1", "--days", "40", "--start", "2026-01-01T00:00:00+08:00",
                                   "--profile", "bench2026", "--out", bench]).status == 0)
        let d = try String(contentsOfFile: district, encoding: .utf8), b = try String(contentsOfFile: bench, encoding: .utf8)
        #expect(d.contains(#""kind":"notice""#) && d.contains(#""type":"general""#) && !d.contains(#""kind":"alert""#))
        #expect(!b.contains(#""kind":"notice""#) && b.contains(#""type":"risk_notice""#) && !b.contains(#""type":"general""#))
        #expect(try CLIRunner.run(["check", district]).status == 0)
        let bad = try CLIRunner.run(["generate", "--seed", "1", "--days", "1", "--profile", "city", "--out", bench])
        #expect(bad.status == 64)
    }
}
