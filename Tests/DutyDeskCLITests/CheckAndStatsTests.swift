import DutyTestSupport
import DutyCore
import Foundation
import Testing

/// `dutydesk check`, `stats` and `generate`, run as a user would.
@Suite(.serialized) struct CheckAndStatsTests {
    static let feed = [
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        Line.event("E1", "2026-11-28T09:30:00+08:00", status: "dispatched"),
        Line.task("T1", "2026-11-28T09:30:00+08:00", due: "2026-11-28T10:00:00+08:00"),
        Self.e2,
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
        #"{"kind":"alert","id":"A1","ts":"2026-11-28T09:50:00+08:00","level":"critical","type":"supervision","title":"督办","status":"open"}"#,
        Self.e2,
        Line.event("E3", "2026-11-28T09:45:00", status: "open", priority: "3", town: "溪口镇", grid: "XK-01-02", domain: "新业态", source: "public", title: "x"),
    ].joined(separator: "\n") + "\n"
    /// Held twice in the feed: the second is an exact duplicate.
    static let e2 = Line.event("E2", "2026-11-28T09:40:00+08:00", status: "self_resolved", priority: "3", town: "溪口镇", grid: "XK-01-02", domain: "新业态", source: "public",
                               title: "后备箱摆摊占道")

    @Test func checkAcceptsTheConformanceAcceptFile() throws {
        let r = try CLIRunner.run(["check", Fixtures.conformance.appendingPathComponent("accept.jsonl").path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("88 lines: 88 good, 0 bad"))
    }

    @Test func checkFlagsEveryConformanceRejectLine() throws {
        let path = Fixtures.conformance.appendingPathComponent("reject.jsonl").path
        let r = try CLIRunner.run(["check", path])
        #expect(r.status == 1)
        let flagged = r.stdoutLines.filter { $0.hasPrefix(path + ":") }
        #expect(flagged.count == 177)
        #expect(Set(flagged.compactMap { Int($0.dropFirst(path.count + 1).prefix { $0.isNumber }) }) == Set(1...177))
        #expect(r.stdout.contains("177 lines: 0 good, 177 bad"))
    }

    @Test func checkNamesFileLineAndField() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("feed.jsonl")
        try Self.feed.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["check", file.path])
        #expect(r.status == 1)
        #expect(r.stdoutLines.first == "\(file.path):8: field \"ts\": timestamp has no zone (add Z or an offset such as +08:00)")
        #expect(r.stdout.contains("8 lines: 7 good, 1 bad"))
    }

    @Test func checkExitsTwoForAnUnreadableFile() throws {
        let r = try CLIRunner.run(["check", "/nonexistent/feed.jsonl"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/nonexistent/feed.jsonl: No such file or directory"))
    }

    @Test func statsCountsItemsInTheirLatestState() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try Self.feed.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["stats", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1)
        let s = try CLIRunner.json(r.stdout)
        #expect(s.number("records") == 7)
        #expect(s.number("quarantined") == 1)
        #expect(s.number("duplicates") == 1)
        #expect(s.number("conflicts") == 0)
        #expect(s.number("events.total") == 2)
        #expect(s.number("events.by_status.dispatched") == 1)
        #expect(s.number("events.by_status.self_resolved") == 1)
        #expect(s.number("events.by_status.closed") == 0)
        #expect(s.number("tasks.total") == 1)
        #expect(s.number("tasks.by_status.dispatched") == 1)
        #expect(s.number("tasks.overdue") == 0)   // now = latest ts 09:50, due 10:00
        #expect(s.number("mediation.by_tier.village") == 1)
        #expect(s.number("mediation.resolved_by_tier.village") == 1)
        #expect(s.number("mediation.resolved_by_tier.district") == 0)
        #expect(s.number("alerts.open_by_level.critical") == 1)
        #expect(r.stderr.contains("1 line(s) quarantined"))

        let later = try CLIRunner.json(try CLIRunner.run(["stats", "--at", "2026-11-28T10:30:00+08:00", dir.path]).stdout)
        #expect(later.number("tasks.overdue") == 1)
    }

    @Test func generateIsDeterministicAndClean() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let a = dir.appendingPathComponent("a.jsonl"), b = dir.appendingPathComponent("b.jsonl")
        #expect(try CLIRunner.run(["generate", "--seed", "42", "--days", "2", "--out", a.path]).status == 0)
        #expect(try CLIRunner.run(["generate", "--seed", "42", "--days", "2", "--out", b.path]).status == 0)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let c = dir.appendingPathComponent("c.jsonl")
        #expect(try CLIRunner.run(["generate", "--seed", "43", "--records", "500", "--out", c.path]).status == 0)
        #expect(try String(contentsOf: c, encoding: .utf8).split(separator: "\n").count == 500)
        #expect(try Data(contentsOf: a) != Data(contentsOf: c))
        let check = try CLIRunner.run(["check", a.path])
        #expect(check.status == 0, "\(check.stdout.prefix(500))")
        let stats = try CLIRunner.json(try CLIRunner.run(["stats", a.path]).stdout)
        #expect((600...1000).contains(stats.number("events.total") ?? 0))
        #expect(stats.number("quarantined") == 0)
    }

    @Test func generateRefusesBadArguments() throws {
        let r = try CLIRunner.run(["generate", "--seed", "1", "--out", "/tmp/x.jsonl"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("exactly one of --records N or --days N"))
    }
}

/// `--threads`: the commands print the same on one thread and on several.
@Suite(.serialized) struct ThreadsOptionTests {
    @Test func statsAndCheckPrintTheSameOnOneThreadAndOnFour() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        // reject.jsonl holds bytes that are not UTF-8: joined as bytes.
        let reject = try Data(contentsOf: Fixtures.conformance.appendingPathComponent("reject.jsonl"))
        try (Data(CheckAndStatsTests.feed.utf8) + reject).write(to: dir.appendingPathComponent("a.jsonl"))
        for command in ["stats", "check"] {
            let one = try CLIRunner.run([command, "--threads", "1", dir.path])
            let four = try CLIRunner.run([command, "--threads", "4", dir.path])
            #expect(one.status == four.status && one.stdout == four.stdout && one.stderr == four.stderr, "\(command)")
            #expect(one.stdoutLines.count >= 1, "\(command) printed nothing")
        }
        #expect(try CLIRunner.run(["stats", "--threads", "0", dir.path]).status == 64)
        // A huge count is refused at once, not taken as gigabytes of parsers.
        for command in ["stats", "check"] {
            let huge = try CLIRunner.run([command, "--threads", "100000", dir.path])
            #expect(huge.status == 64 && huge.stderr.contains("between 1 and 256"), "\(command): \(huge.stderr)")
        }
    }

    /// The default follows the CPUs the process may run on (as the kernel
    /// lists them for it), not the host's.
    @Test func coresAreTheCPUsAllowed() throws {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let list = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        var allowed = 0
        for part in list.split(separator: "\t").last!.split(separator: ",") {
            let ends = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            allowed += ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }
        #expect(Platform.cores == allowed)
    }
}
