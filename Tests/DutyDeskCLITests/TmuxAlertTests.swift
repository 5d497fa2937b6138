import DutyTestSupport
import Foundation
import Testing

/// The console on a fixed clock (`DUTYDESK_NOW`) and `dutydesk alerts --at`
/// the same instant agree: after an acknowledgement made by keys, the
/// header's 未确认告警 is the number of alerts the command lists as `open`.
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

    @Test func theHeadersUnackedCountIsTheCommandsOpenAlertsAfterAnAck() throws {
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
        try tmux.keys("q")
    }
}
