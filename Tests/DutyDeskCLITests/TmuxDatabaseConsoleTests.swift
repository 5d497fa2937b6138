import DutyTestSupport
import Foundation
import Testing

/// `watch --db` in a real terminal: the pushed items on screen, the
/// 数据库离线 badge while the server is down, gone when it is back, and a
/// line pushed afterwards on screen within a few seconds.
@Suite(.serialized) struct TmuxDatabaseConsoleTests {
    static let now = "2026-11-28T10:00:00+08:00"

    static func push(_ lines: [String], _ url: String, in dir: TempFolder, name: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.file(name), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["push", dir.file(name), "--db", url], environment: ["DUTYDESK_DB": nil])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aDatabaseConsoleFollowsThroughARestart() throws {
        // Its own server: stopping the shared one would break other tests.
        let pg = try ThrowawayPostgres.own()
        defer { pg.remove() }
        let url = try PushCommandTests.initialised(pg)
        let dir = try TempFolder()
        defer { dir.remove() }
        try Self.push([Line.event("SJ-DB-1", "2026-11-28T09:10:00+08:00", title: "数据库甲事件")], url, in: dir, name: "a.jsonl")

        let tmux = TmuxConsoleTests.Tmux()
        let command = "DUTYDESK_NOW='\(Self.now)' TERM=xterm-256color '\(CLIRunner.executable.path)' watch --db '\(url)'; sleep 30"
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "140", "-y", "40", command])
        #expect(tmux.waitFor("the pushed event") { $0.contains("数据库甲事件") && $0.contains("实时") })

        // A read-only console says so at the action key, and opens no dialog.
        try tmux.keys("d")
        #expect(tmux.waitFor("the read-only refusal") { $0.contains("只读：") })

        try pg.stop()
        #expect(tmux.waitFor("the offline badge") { $0.contains("数据库离线") && !$0.contains("实时") })
        #expect(tmux.screen().contains("数据库甲事件"))   // the last state stays on screen
        try pg.start()
        #expect(tmux.waitFor("the badge cleared") { !$0.contains("数据库离线") && $0.contains("实时") })

        // Committed when `push` exits: on screen soon after (the NOTIFY, not the 3 s safety tick).
        try Self.push([Line.event("SJ-DB-2", "2026-11-28T09:20:00+08:00", title: "数据库乙事件")], url, in: dir, name: "b.jsonl")
        let pushed = Date()
        #expect(tmux.waitFor("the event pushed after") { $0.contains("数据库乙事件") })
        let seconds = Date().timeIntervalSince(pushed)
        #expect(seconds < 2.5, "a pushed line took \(seconds) s to reach the screen")
        try tmux.keys("q")
    }

    @Test func aTownConsoleShowsOnlyItsTownsItems() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let dir = try TempFolder()
        defer { dir.remove() }
        try Self.push([Line.event("SJ-XK-1", "2026-11-28T09:10:00+08:00", town: "溪口镇", grid: "XK-01-02", title: "溪口本镇事件"),
                       Line.event("SJ-JP-1", "2026-11-28T09:11:00+08:00", title: "锦屏他镇事件")], url, in: dir, name: "a.jsonl")
        let tmux = TmuxConsoleTests.Tmux()
        let command = "DUTYDESK_NOW='\(Self.now)' TERM=xterm-256color '\(CLIRunner.executable.path)' watch --db '\(url)' --town 溪口镇; sleep 30"
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "140", "-y", "40", command])
        #expect(tmux.waitFor("the town's event") { $0.contains("溪口本镇事件") })
        try Self.push([Line.event("SJ-XK-2", "2026-11-28T09:20:00+08:00", town: "溪口镇", grid: "XK-01-02", title: "溪口后来事件"),
                       Line.event("SJ-JP-2", "2026-11-28T09:21:00+08:00", title: "锦屏后来事件")], url, in: dir, name: "b.jsonl")
        #expect(tmux.waitFor("the town's later event") { $0.contains("溪口后来事件") })
        let screen = tmux.screen()
        #expect(!screen.contains("锦屏他镇事件") && !screen.contains("锦屏后来事件"), "\(screen)")
        try tmux.keys("q")
    }
}
