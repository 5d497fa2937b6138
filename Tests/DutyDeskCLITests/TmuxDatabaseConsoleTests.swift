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

        try pg.stop()
        #expect(tmux.waitFor("the offline badge") { $0.contains("数据库离线") && !$0.contains("实时") })
        #expect(tmux.screen().contains("数据库甲事件"))   // the last state stays on screen
        // An action while the database is away is refused at once, never queued.
        try tmux.keys("d")
        #expect(tmux.waitFor("the unit chooser") { $0.contains("任务类型：") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the offline refusal") { $0.contains("数据库离线，操作未执行") })
        try pg.start()
        // The header's badge (the status line still says why the dispatch was refused).
        #expect(tmux.waitFor("the badge cleared") { let head = $0.split(separator: "\n").first ?? ""; return !head.contains("数据库离线") && head.contains("实时") })
        let db = URL(string: url)!.lastPathComponent
        #expect(try pg.psql(db, "SELECT count(*) FROM records WHERE kind = 'task'") == "0")

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

    /// Issue 15's "done when": a district console and a town's console on one
    /// database; the district dispatches a 溪口镇 event and the town's console
    /// shows the task; the town never sees another town's event, and its own
    /// action is written under its role.
    @Test func aDispatchInTheDistrictReachesTheTownsConsole() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = try TempFolder()
        defer { dir.remove() }
        let suffix = String(db.suffix(8))
        let town = "xk_e2e_\(suffix)", secret = "Town-Pw-\(suffix)"
        try (secret + "\n").write(toFile: dir.file("pw"), atomically: true, encoding: .utf8)
        let grant = try CLIRunner.run(["db", "grant", town, "--town", "溪口镇", "--password-file", dir.file("pw"), "--db", url])
        #expect(grant.status == 0, "\(grant.stderr)")
        let now = Line.time(Date().addingTimeInterval(-600))
        try Self.push([Line.event("SJ-XK-E2E", now, town: "溪口镇", grid: "XK-01-02", domain: "新业态", source: "public", title: "溪口转派测试"),
                       Line.event("SJ-JP-E2E", now, title: "锦屏他镇事件"),
                       // About no one item: district-wide, seen by the towns too.
                       #"{"kind":"alert","id":"AL-ALL-E2E","ts":"\#(now)","level":"warning","type":"tier_drift","title":"全区分级偏离","status":"open"}"#],
                      url, in: dir, name: "a.jsonl")
        let townURL = pg.url(database: db, user: town, password: secret)
        func console(_ url: String, _ extra: String) -> String {
            "cd '\(dir.path)' && TERM=xterm-256color '\(CLIRunner.executable.path)' watch --db '\(url)' \(extra); sleep 30"
        }
        let district = TmuxConsoleTests.Tmux(), townConsole = TmuxConsoleTests.Tmux()
        try district.run(["new-session", "-d", "-s", district.session, "-x", "140", "-y", "40", console(url, "")])
        // The town's role implies its town: no --town needed, and the header names it.
        try townConsole.run(["new-session", "-d", "-s", townConsole.session, "-x", "140", "-y", "40", console(townURL, "")])
        #expect(district.waitFor("the district's events") { $0.contains("溪口转派测试") && $0.contains("锦屏他镇事件") })
        #expect(townConsole.waitFor("the town's event") { $0.contains("溪口转派测试") })
        #expect(!townConsole.screen().contains("锦屏他镇事件"))
        #expect(townConsole.screen().split(separator: "\n").first?.contains("值班台 · 溪口镇") == true, "\(townConsole.screen())")
        #expect(townConsole.screen().contains("全区分级偏离"), "\(townConsole.screen())")
        #expect(district.screen().split(separator: "\n").first?.contains("溪口镇") == false)
        // Another town named for a town's role would show nothing: refused before the screen.
        let elsewhere = TmuxConsoleTests.Tmux()
        try elsewhere.run(["new-session", "-d", "-s", elsewhere.session, "-x", "140", "-y", "10", console(townURL, "--town 锦屏街道")])
        #expect(elsewhere.waitFor("the refusal") { $0.contains("would show nothing") })

        // The district dispatches the 溪口镇 event (it is the newest: the top row).
        try district.keys("/")
        try district.keys("溪口转派", "Enter")
        #expect(district.waitFor("the filtered list") { $0.contains("/溪口转派") })
        try district.keys("d")
        #expect(district.waitFor("the unit chooser") { $0.contains("任务类型：") })
        try district.keys("Enter")
        #expect(district.waitFor("the dispatch") { $0.contains("转派 ✓") && $0.contains("ZF-") })
        let task = try pg.psql(db, "SELECT id FROM records WHERE kind = 'task'")
        #expect(task.hasPrefix("ZF-"), "\(task)")
        // On the town's screen through NOTIFY and the catch-up, not a restart.
        #expect(townConsole.waitFor("the district's task on the town's console") { $0.contains(task) })
        #expect(try pg.psql(db, "SELECT written_by FROM records WHERE kind = 'task'") == pg.user)
        #expect(try pg.psql(db, "SELECT array_to_string(towns, ',') FROM records WHERE kind = 'task'") == "溪口镇")

        // The town acts on its own task (returns it): written under its role,
        // and the district's console shows the return.
        try townConsole.keys("Tab")
        #expect(townConsole.waitFor("the town's task pane") { $0.contains("┏━ 执法任务") })
        try townConsole.keys("r")
        #expect(townConsole.waitFor("the return reasons") { $0.contains("属地不符") })
        try townConsole.keys("Enter")
        #expect(townConsole.waitFor("the confirmation") { $0.contains("属地不符？") })
        try townConsole.keys("Enter")
        #expect(townConsole.waitFor("the return") { $0.contains("退回 ✓") })
        #expect(try pg.psql(db, "SELECT count(*) FROM records WHERE kind = 'task' AND written_by = '\(town)'") == "1")
        #expect(district.waitFor("the return and its reason on the district's console") { $0.contains("属地不符") })
        try district.keys("q")
        try townConsole.keys("q")
    }
}
