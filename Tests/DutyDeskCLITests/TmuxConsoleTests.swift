import DutyTestSupport
import Foundation
import Testing

/// The real binary in a real terminal (tmux), driven by keys and read from
/// the screen, as a duty officer would use it.
@Suite(.serialized) struct TmuxConsoleTests {
    /// A tmux server of the test's own, so nothing else is touched.
    final class Tmux {
        let socket = "dutydesk-test-\(getpid())-\(UUID().uuidString.prefix(6))"
        let session = "console"

        /// Runs a tmux command with posix_spawn and waitpid. Not Foundation's
        /// Process: the server that `new-session` forks (without exec) keeps
        /// Process's internal pipe open, and Process would wait for ever.
        @discardableResult
        func run(_ args: [String]) throws -> String {
            let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
            defer { unlink(outPath) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, ["capture-pane", "display-message"].contains(args.first ?? "") ? outPath : "/dev/null",
                                             O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            // Test tasks run on threads that block most signals, and a child
            // inherits the mask: give tmux a clean one, or its server would
            // never see SIGCHLD or SIGTERM.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var empty = sigset_t(), all = sigset_t()
            sigemptyset(&empty)
            sigfillset(&all)
            posix_spawnattr_setsigmask(&attributes, &empty)
            posix_spawnattr_setsigdefault(&attributes, &all)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var pid: pid_t = 0
            guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else {
                throw CocoaError(.executableLoad)
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        }

        func screen() -> String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

        func keys(_ keys: String...) throws { try run(["send-keys", "-t", session] + keys) }

        /// Waits until the screen satisfies `condition` (10 s at most).
        func waitFor(_ what: String, _ condition: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if condition(screen()) { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(screen())")
            return false
        }

        deinit { _ = try? run(["kill-server"]) }
    }

    @Test func demoRunsResizesAndQuitsCleanly() throws {
        let tmux = Tmux()
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let exitFile = dir.appendingPathComponent("exit").path
        let tmp = try ConsoleRun.ownTmp(in: dir)
        let command = "TMPDIR='\(tmp.path)' TERM=xterm-256color '\(CLIRunner.executable.path)'; echo EXIT=$? > '\(exitFile)'; sleep 30"
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])

        // The demo opens with the four panes.
        #expect(tmux.waitFor("the demo") { $0.contains("奉化区综合指挥中心") && $0.contains("演示") })
        let first = tmux.screen()
        for title in ["网格事件", "执法任务", "矛调分级", "告警"] { #expect(first.contains(title)) }
        #expect(first.contains("┏━ 网格事件"))   // focused: heavy border

        // Focus moves with Tab.
        try tmux.keys("Tab")
        #expect(tmux.waitFor("focus on tasks") { $0.contains("┏━ 执法任务") && $0.contains("┌─ 网格事件") })
        try tmux.keys("1")
        #expect(tmux.waitFor("focus back on events") { $0.contains("┏━ 网格事件") })

        // Filter the events pane as you type.
        try tmux.keys("/")
        try tmux.keys("-l", "town:溪口")
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the filter") { $0.contains("/town:溪口") })

        // A detail view with the timeline, and back.
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the detail view") { $0.contains("处置时间线") && $0.contains("溪口") })
        try tmux.keys("Escape")
        #expect(tmux.waitFor("back to the panes") { $0.contains("┏━ 网格事件") && !$0.contains("处置时间线") })

        // Too small, then back.
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "40", "-y", "12"])
        #expect(tmux.waitFor("the too-small message") { $0.contains("terminal too small") && $0.contains("have 40×12") })
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "120", "-y", "40"])
        #expect(tmux.waitFor("the panes again") { $0.contains("矛调分级") && $0.contains("告警") })

        // q quits with status 0 and gives the terminal back.
        try tmux.keys("q")
        let deadline = Date().addingTimeInterval(10)
        // The shell creates the file before it writes the line: wait for the line.
        while (try? String(contentsOfFile: exitFile, encoding: .utf8))?.contains("EXIT=") != true && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let status = (try? String(contentsOfFile: exitFile, encoding: .utf8)) ?? "no exit file"
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "EXIT=0")
        #expect(tmux.waitFor("the restored terminal") { !$0.contains("网格事件") })
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? ["unreadable"]
        #expect(left.isEmpty, "the demo left in its TMPDIR: \(left)")
    }

    @Test func dispatchIsJournaledAndSurvivesARestart() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        // One open event, reported five minutes ago (wall clock: watch is live).
        let line = Line.event("SJ-TEST-0001", Line.time(Date().addingTimeInterval(-300)), title: "占道经营测试")
        try (line + "\n").write(to: dir.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let journal = dir.appendingPathComponent("operator-journal.jsonl")
        let command = "TERM=xterm-256color '\(CLIRunner.executable.path)' watch --poll 100 --operator 测试员 '\(dir.path)'; sleep 30"

        var tmux = Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])
        #expect(tmux.waitFor("the event") { $0.contains("占道经营测试") })
        try tmux.keys("d")
        #expect(tmux.waitFor("the unit chooser") { $0.contains("任务类型：") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the dispatch confirmation") { $0.contains("转派 ✓") && $0.contains("ZF-") })
        let written = try String(contentsOf: journal, encoding: .utf8)
        let lines = written.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""kind":"task""#) == true && lines.first?.contains(#""event":"SJ-TEST-0001""#) == true)
        #expect(lines.allSatisfy { $0.contains(#""by":"测试员""#) && $0.contains(#""console":"#) })
        #expect(lines.last?.contains(#""status":"dispatched""#) == true)
        try tmux.keys("q")
        _ = try? tmux.run(["kill-server"])

        // A new console rebuilds the same state from the feed and the journal.
        tmux = Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])
        #expect(tmux.waitFor("the task after a restart") { $0.contains("ZF-") && $0.contains("已转派") })
        try tmux.keys("q")
    }

    @Test func twoConsolesSeeEachOthersActionsAndCannotBothDispatch() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let line = Line.event("SJ-TEST-0002", Line.time(Date().addingTimeInterval(-300)),
                              town: "溪口镇", grid: "XK-01-02", domain: "新业态", source: "public", title: "双人测试")
        try (line + "\n").write(to: dir.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        func console(_ name: String) -> String {
            "TERM=xterm-256color '\(CLIRunner.executable.path)' watch --poll 100 --operator \(name) '\(dir.path)'; sleep 30"
        }
        let a = Tmux(), b = Tmux()
        try a.run(["new-session", "-d", "-s", a.session, "-x", "120", "-y", "40", console("王")])
        try b.run(["new-session", "-d", "-s", b.session, "-x", "120", "-y", "40", console("李")])
        #expect(a.waitFor("console A") { $0.contains("双人测试") })
        #expect(b.waitFor("console B") { $0.contains("双人测试") })
        // Both open the chooser while the event is open; A dispatches first.
        try a.keys("d")
        #expect(a.waitFor("A's chooser") { $0.contains("任务类型：") })
        try b.keys("d")
        #expect(b.waitFor("B's chooser") { $0.contains("任务类型：") })
        try a.keys("Enter")
        #expect(a.waitFor("A dispatched") { $0.contains("转派 ✓") })
        // B's choice meets A's task under the journal's lock and is refused.
        Thread.sleep(forTimeInterval: 1)
        try b.keys("Enter")
        #expect(b.waitFor("B refused") { $0.contains("转派") && ($0.contains("已转派") || $0.contains("already")) && !$0.contains("转派 ✓") })
        // B sees A's task, and a second d is refused at the key: no chooser.
        #expect(b.waitFor("A's task on B") { $0.contains("ZF-") && $0.contains("已转派") })
        try b.keys("d")
        #expect(b.waitFor("B refused at the key") { $0.contains("转派: 事件已转派") && !$0.contains("任务类型：") })
        let journal = try String(contentsOf: dir.appendingPathComponent("operator-journal.jsonl"), encoding: .utf8)
        #expect(journal.split(separator: "\n").filter { $0.contains(#""kind":"task""#) }.count == 1)
        try a.keys("q")
        try b.keys("q")
    }

    /// Issue 10: another account planted symlinks in the shared feed folder
    /// (no sticky bit) at the id state file and at the handover's names, to
    /// the officer's own files. A dispatch and `H` later, those files are
    /// byte-for-byte unchanged and the status line says why nothing was written.
    @Test func plantedSymlinksInTheFeedFolderAreRefused() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let shared = dir.appendingPathComponent("feeds"), home = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        chmod(shared.path, 0o777)
        let line = Line.event("SJ-TEST-0003", Line.time(Date().addingTimeInterval(-300)), title: "链接测试")
        try (line + "\n").write(to: shared.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        var targets: [(path: String, bytes: Data)] = []
        func plant(_ name: String) throws {
            let target = home.appendingPathComponent("private-\(targets.count).txt")
            let bytes = Data("the officer's own file \(targets.count)\n".utf8)
            try bytes.write(to: target)
            chmod(target.path, 0o600)
            try FileManager.default.createSymbolicLink(atPath: shared.appendingPathComponent(name).path, withDestinationPath: target.path)
            targets.append((target.path, bytes))
        }
        try plant("operator-journal.jsonl.ids")
        // The handover is named by the local minute and the operator: cover the next few.
        let minute = DateFormatter()
        minute.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        minute.dateFormat = "yyyyMMdd-HHmm"
        minute.locale = Locale(identifier: "en_US_POSIX")
        for m in -1...4 { try plant("handover-\(minute.string(from: Date().addingTimeInterval(Double(m) * 60)))-测试员.md") }

        let command = "TERM=xterm-256color '\(CLIRunner.executable.path)' watch --poll 100 --lang en --operator 测试员 '\(shared.path)'; sleep 30"
        let tmux = Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "400", "-y", "40", command])
        #expect(tmux.waitFor("the event") { $0.contains("链接测试") })
        try tmux.keys("d")
        #expect(tmux.waitFor("the unit chooser") { $0.contains("task type") || $0.contains("任务类型：") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the refused dispatch") {
            $0.contains("⚠") && $0.contains("operator-journal.jsonl.ids") && $0.contains("symbolic link")
        })
        // H asks who takes over, then a note (empty here), then writes.
        try tmux.keys("H")
        #expect(tmux.waitFor("the successor prompt") { $0.contains("who takes over") })
        try tmux.keys("B")
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the note prompt") { $0.contains("Note (may be empty)") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the refused handover") { $0.contains("handover-") && $0.contains("symbolic link") })
        try tmux.keys("q")
        for t in targets { #expect(try Data(contentsOf: URL(fileURLWithPath: t.path)) == t.bytes) }
        let journal = (try? String(contentsOf: shared.appendingPathComponent("operator-journal.jsonl"), encoding: .utf8)) ?? ""
        #expect(!journal.contains(#""kind":"task""#))
    }

    /// The journal itself planted as a symlink: the console says so at start,
    /// before any key, and a dispatch writes nothing through it.
    @Test func journalThatIsASymlinkIsReportedAtStart() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let shared = dir.appendingPathComponent("feeds"), target = dir.appendingPathComponent("private.txt")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        chmod(shared.path, 0o777)
        try Data("mine\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: shared.appendingPathComponent("operator-journal.jsonl").path,
                                                   withDestinationPath: target.path)
        let line = Line.event("SJ-TEST-0004", Line.time(Date().addingTimeInterval(-300)), title: "日志链接")
        try (line + "\n").write(to: shared.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let errFile = dir.appendingPathComponent("stderr").path
        let command = "TERM=xterm-256color '\(CLIRunner.executable.path)' watch --poll 100 --lang en '\(shared.path)' 2> '\(errFile)'; sleep 30"
        let tmux = Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "80", "-y", "24", command])
        // At 80 columns the reason comes first, so it is not the part cut off.
        #expect(tmux.waitFor("the refusal at start") { $0.contains("symbolic link") })
        try tmux.keys("d")
        try tmux.keys("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.keys("q")
        // On exit, the whole message on stderr, below the restored screen.
        let deadline = Date().addingTimeInterval(10)
        var said = ""
        while Date() < deadline {
            said = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
            if said.contains("\n") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(said.contains("refused, it is a symbolic link: ") && said.contains("feeds/operator-journal.jsonl"), "stderr: \(said)")
        #expect(try Data(contentsOf: target) == Data("mine\n".utf8))
    }

    /// `watch --record` onto a planted symlink: refused before the screen
    /// starts, naming the path; the target is unchanged.
    @Test func recordingOntoASymlinkIsRefused() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let target = dir.appendingPathComponent("private.txt"), link = dir.appendingPathComponent("rec.jsonl")
        try Data("mine\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        let r = try CLIRunner.run(["watch", "--record", link.path, dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains(link.path) && r.stderr.contains("symbolic link"))
        #expect(try Data(contentsOf: target) == Data("mine\n".utf8))
    }

    @Test func replayStartsPausedStepsSpeedSeeksAndQuits() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let recording = dir.appendingPathComponent("shift.jsonl")
        #expect(try CLIRunner.run(["generate", "--seed", "9", "--days", "1", "--out", recording.path]).status == 0)
        let exitFile = dir.appendingPathComponent("exit").path
        let live = dir.appendingPathComponent("live-journal.jsonl")
        // Its own TMPDIR, so the scratch folder looked at below is this replay's.
        let tmp = try ConsoleRun.ownTmp(in: dir)
        let command = "TMPDIR='\(tmp.path)' TERM=xterm-256color '\(CLIRunner.executable.path)' replay --paused --journal '\(live.path)' '\(recording.path)'; echo EXIT=$? > '\(exitFile)'; sleep 30"
        let tmux = Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "130", "-y", "40", command])
        #expect(tmux.waitFor("a paused replay") { $0.contains("回放 ×60") && $0.contains("已暂停") && $0.contains("练习日志") })
        let start = tmux.screen()
        #expect(start.contains("░ 0%"))
        try tmux.keys("+")
        #expect(tmux.waitFor("600×") { $0.contains("回放 ×600") })
        try tmux.keys("-")
        #expect(tmux.waitFor("back to 60×") { $0.contains("回放 ×60 ") })
        // An hour forward while paused: the clock moves, the panes fill.
        try tmux.keys("]")
        #expect(tmux.waitFor("an hour later") { $0.contains("已暂停") && !$0.contains("░ 0%") })
        // An action during the replay goes to the scratch journal, never the live one.
        try tmux.keys("]", "]", "]", "]", "]", "]", "]")
        #expect(tmux.waitFor("a busy morning") { $0.contains("待处置") })
        try tmux.keys("/")
        try tmux.keys("-l", "status:open")
        try tmux.keys("Enter", "d")
        #expect(tmux.waitFor("the unit chooser") { $0.contains("任务类型：") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the dispatch") { $0.contains("转派 ✓") })
        #expect(!FileManager.default.fileExists(atPath: live.path))
        let scratch = try FileManager.default.contentsOfDirectory(atPath: tmp.path)
        #expect(scratch.count == 1 && scratch.allSatisfy { $0.hasPrefix("dutydesk-demo-") })
        let scratchJournal = tmp.path + "/" + (scratch.first ?? "-") + "/operator-journal.jsonl"
        #expect((try? String(contentsOfFile: scratchJournal, encoding: .utf8))?.contains(#""kind":"task""#) == true)
        try tmux.keys("0")
        #expect(tmux.waitFor("back at the start") { $0.contains("░ 0%") })
        try tmux.keys("q")
        let deadline = Date().addingTimeInterval(10)
        // The shell creates the file before it writes the line: wait for the line.
        while (try? String(contentsOfFile: exitFile, encoding: .utf8))?.contains("EXIT=") != true && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect((try? String(contentsOfFile: exitFile, encoding: .utf8))?.contains("EXIT=0") == true)
        // And this replay's scratch folder (nothing else was ever looked at) is gone.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? ["unreadable"]
        #expect(left.isEmpty, "the replay left in its TMPDIR: \(left)")
    }

    @Test func refusesWhenStdoutIsNotATerminal() throws {
        let r = try CLIRunner.run(["demo"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("not a terminal"))
    }
}
