import DutyTestSupport
import Foundation
import Testing

/// `dutydesk report` run as a user would, over `PeriodFeed` (its figures are
/// worked out in `PeriodReportTests`): the formats, `--out`, bad lines.
@Suite(.serialized) struct ReportCommandTests {
    /// The feed with one bad line (line 3: a timestamp with no zone) in the middle.
    static func folder() throws -> URL {
        let dir = TempFolder.make()
        var lines = PeriodFeed.lines
        lines.insert(#"{"kind":"event","id":"BAD","ts":"2026-12-01T09:00:00","town":"锦屏街道","grid":"G","domain":"市容环境","priority":2,"source":"grid","title":"x","status":"open"}"#, at: 2)
        try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    static let period = ["--from", PeriodFeed.from, "--to", PeriodFeed.to]

    @Test func jsonHasTheHandWorkedFiguresAndNamesTheBadLine() throws {
        let dir = try Self.folder()
        defer { TempFolder.remove(dir) }
        // `from` in another offset: the same instant, echoed as given.
        let r = try CLIRunner.run(["report", dir.path, "--from", "2026-11-30T16:00:00Z", "--to", PeriodFeed.to, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1)
        let json = try CLIRunner.json(r.stdoutLines[0])
        #expect(json["from"] as? String == "2026-11-30T16:00:00Z" && json["to"] as? String == PeriodFeed.to)
        #expect(json.number("events.total") == 7 && json.number("events.enforcement") == 2)
        #expect(json.number("tasks.on_time") == 2 && json.number("tasks.returned_by_reason.属地不符") == 1)
        #expect(json.number("notices.replied_on_time") == 1 && json.number("satisfaction.satisfied") == 1)
        #expect((json["towns"] as? [Any])?.count == 12 && (json["daily"] as? [Any])?.count == 2)
        #expect(r.stderr.contains("dutydesk: \(dir.path)/feed.jsonl:3: field \"ts\": timestamp has no zone"), "\(r.stderr)")
        #expect(r.stderr.contains("1 line(s) quarantined, left out of the report"))
    }

    @Test func markdownReadsAsAReport() throws {
        let dir = try Self.folder()
        defer { TempFolder.remove(dir) }
        let r = try CLIRunner.run(["report", dir.path] + Self.period)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutLines
        #expect(lines.first == "# 奉化区综合指挥中心 · 期间报告")
        for line in [
            "| 网格事件 | 7 |", "| 就地解决率 | 28.57% |", "| 转为执法案件的事件 | 2 |", "| 信访转执法 | 1 |",
            "| 按时办结率 | 66.67% (2/3) |", "| 退回 | 2 (属地不符 1、职能交叉 1) |", "| 矛调受理 / 调解成功 | 4 / 3 |",
            "| 两单一报 | 风险提示单 1、执法督办单 2、通报 1；按时回复 1 |", "| 投诉举报处置满意率 | 50% (1/2) |",
            "| 镇街 | 事件 | 转执法 | 任务 | 按时办结率 | 期末超期 | 调解成功 |",
            "| 锦屏街道 | 2 | 2 | 3 | 50% | 0 | 2 |", "| 大堰镇 | 1 | 0 | 1 | — | 1 | 0 |",
            "| 违法建设 | 2 | 28.57% | 1 |", "| 其他 | 1 | 14.29% | 0 |",
            "| 村社/网格 | 1 | 33.33% | 60% | -26.7 个百分点 |", "| 区级 | 1 | 33.33% | 10% | +23.3 个百分点 |",
            // Days [3, 4], [2, 4], [3, 1], each scaled to its highest.
            "- 事件 `▆█` 日最低–最高 3–4", "- 派发任务 `▄█` 日最低–最高 2–4", "- 办结任务 `█▃` 日最低–最高 1–3",
        ] {
            #expect(lines.contains(line), "missing: \(line)")
        }
        // The headline comes before the towns, the towns before the domains, then the split and the trends.
        let order = ["## 主要指标", "## 各镇街", "## 各领域事件", "## 矛调 6:3:1", "## 趋势"].map { lines.firstIndex(of: $0) ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1))
    }

    @Test func csvIsTheTownTableOrTheDailyTable() throws {
        let dir = try Self.folder()
        defer { TempFolder.remove(dir) }
        let towns = try CLIRunner.run(["report", dir.path, "--format", "csv"] + Self.period)
        #expect(towns.status == 0)
        #expect(towns.stdoutLines.count == 13)
        #expect(towns.stdoutLines.prefix(2) == ["镇街,事件,转执法,任务,按时办结率,期末超期,调解成功", "锦屏街道,2,2,3,0.5,0,2"])
        #expect(towns.stdoutLines.last == "松岙镇,1,0,1,1,0,0")
        let daily = try CLIRunner.run(["report", dir.path, "--format", "csv", "--daily", "--lang", "en"] + Self.period)
        #expect(daily.stdoutLines == ["Date,Events,Tasks dispatched,Tasks done", "2026-12-01,3,2,3", "2026-12-02,4,4,1"])
    }

    @Test func outWritesANewFileOnlyAndNeverFollowsASymlink() throws {
        let dir = try Self.folder()
        defer { TempFolder.remove(dir) }
        let out = dir.appendingPathComponent("report.md").path
        let first = try CLIRunner.run(["report", dir.path, "--out", out] + Self.period)
        #expect(first.status == 0 && first.stdout.isEmpty, "\(first.stderr)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.hasPrefix("# 奉化区综合指挥中心 · 期间报告\n"))
        // An existing file is refused and left as it was.
        let again = try CLIRunner.run(["report", dir.path, "--format", "json", "--out", out] + Self.period)
        #expect(again.status == 2)
        #expect(again.stderr.contains("report not written: refused, a file of that name exists"), "\(again.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == written)
        // A symlink planted at the name is refused; its target is untouched and not created.
        let target = dir.appendingPathComponent("victim.txt").path
        let link = dir.appendingPathComponent("link.md").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = try CLIRunner.run(["report", dir.path, "--out", link] + Self.period)
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("refused, it is a symbolic link"), "\(linked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func wrongArgumentsAreUsageErrors() throws {
        let dir = try Self.folder()
        defer { TempFolder.remove(dir) }
        let backwards = try CLIRunner.run(["report", dir.path, "--from", PeriodFeed.to, "--to", PeriodFeed.from])
        #expect(backwards.status == 64 && backwards.stderr.contains("--from must be before --to"))
        let daily = try CLIRunner.run(["report", dir.path, "--daily"] + Self.period)
        #expect(daily.status == 64 && daily.stderr.contains("--daily goes with --format csv"))
        let unreadable = try CLIRunner.run(["report", "/nonexistent/feed.jsonl", "--format", "json"] + Self.period)
        #expect(unreadable.status == 2 && unreadable.stdoutLines.count == 1)
    }
}
