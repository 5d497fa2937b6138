import DutyTestSupport
import Foundation
import Testing

/// The console on a fixed clock (`DUTYDESK_NOW`) and `dutydesk alerts --at`
/// the same instant agree: after an acknowledgement, a snooze and a manual
/// resolve made by keys, the header's 未确认告警 is the number of alerts the
/// command lists as `open`, and the snoozed one shows 暂缓至 HH:MM.
@Suite(.serialized) struct TmuxAlertTests {
    static let now = "2026-11-28T10:00:00+08:00"

    static func openCount(_ dir: String) throws -> (open: Int, acked: Int) {
        let r = try CLIRunner.run(["alerts", dir, "--at", now, "--json"])
        let statuses = try r.stdoutLines.map { try CLIRunner.json($0)["status"] as? String }
        return (statuses.filter { $0 == "open" }.count, statuses.filter { $0 == "acked" }.count)
    }

    static func headerCount(_ screen: String) -> Int? {
        guard let r = screen.range(of: #"未确认告警 \d+"#, options: .regularExpression) else { return nil }
        return Int(screen[r].split(separator: " ").last ?? "")
    }

    @Test func theHeadersUnackedCountIsTheCommandsOpenAlertsAfterKeys() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feed = [
            Line.event("SJ-1", "2026-11-28T09:00:00+08:00", priority: "1"),
            Line.event("SJ-2", "2026-11-28T09:01:00+08:00", priority: "1"),
            Line.event("SJ-3", "2026-11-28T09:02:00+08:00", priority: "1"),
            Line.alert("FX-1", "2026-11-28T08:00:00+08:00"),
        ]
        try (feed.joined(separator: "\n") + "\n").write(toFile: dir.file("feed.jsonl"), atomically: true, encoding: .utf8)
        let before = try Self.openCount(dir.path)
        #expect(before.open == 4 && before.acked == 0)
        let command = "TERM=xterm-256color DUTYDESK_NOW=\(Self.now) '\(CLIRunner.executable.path)' watch --poll 100 --operator 测试员 '\(dir.path)'; sleep 30"
        let tmux = TmuxConsoleTests.Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "160", "-y", "45", command])
        #expect(tmux.waitFor("four unacknowledged alerts") { Self.headerCount($0) == 4 && $0.contains("SJ-3") })
        #expect(tmux.screen().contains("2026-11-28") || tmux.screen().contains("10:00"))
        try tmux.keys("4")
        try tmux.keys("a")
        #expect(tmux.waitFor("the acknowledgement") { Self.headerCount($0) == 3 })
        let journal = try String(contentsOfFile: dir.file("operator-journal.jsonl"), encoding: .utf8)
        #expect(journal.contains(#""status":"acked""#))
        let listed = try Self.openCount(dir.path)
        #expect(listed.open == 3 && listed.acked == 1)
        #expect(Self.headerCount(tmux.screen()) == listed.open)
        // The next row snoozed: 暂缓至 10:30, not 已确认; the one after
        // resolved by hand (its cause persists: it stays resolved).
        try tmux.keys("j")
        try tmux.keys("z")
        #expect(tmux.waitFor("the snooze") { Self.headerCount($0) == 2 && $0.contains("暂缓") })
        // The pane's status column may cut it; the detail says it whole.
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the snoozed alert's detail") { $0.contains("状态：暂缓至 10:30") })
        try tmux.keys("Escape")
        #expect(tmux.waitFor("the panes again") { !$0.contains("状态：暂缓至 10:30") })
        try tmux.keys("j")
        try tmux.keys("x")
        #expect(tmux.waitFor("the resolve or its question") { Self.headerCount($0) == 1 || $0.contains("y/n") })
        if tmux.screen().contains("y/n") { try tmux.keys("y") }
        #expect(tmux.waitFor("the resolve") { Self.headerCount($0) == 1 })
        let after = try CLIRunner.run(["alerts", dir.path, "--at", Self.now, "--json"])
        let statuses = try after.stdoutLines.map { try CLIRunner.json($0)["status"] as? String }
        #expect(statuses.sorted { ($0 ?? "") < ($1 ?? "") } == ["acked", "open", "snoozed"])
        #expect(Self.headerCount(tmux.screen()) == statuses.filter { $0 == "open" }.count)
        try tmux.keys("q")
    }
}
