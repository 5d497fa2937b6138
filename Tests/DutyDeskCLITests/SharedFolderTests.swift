import DutyTestSupport
import Foundation
import Testing

/// The sharing model of a center's feed folder (README, "Sharing a feed
/// folder"), tried with real Unix accounts: officers in one group, the folder
/// owned by that group with the setgid bit, umask 007. Two officers under two
/// accounts each dispatch through the same journal, and each console sees the
/// other's task. Needs root to make the accounts (CI runs as root); it is not
/// skipped in CI.
@Suite(.serialized) struct SharedFolderTests {
    /// Runs a command (argv) and returns its exit status.
    @discardableResult
    static func system(_ args: [String]) -> Int32 {
        var pid: pid_t = 0
        let argv = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard posix_spawnp(&pid, args[0], &actions, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Puts the binary at `path` so that it can be executed at once: a hard
    /// link where it can be (no bytes written), else a copy that is run
    /// once before use. Why: a copy's write descriptor, inherited by a child
    /// another test forks at that moment, makes exec fail with "Text file
    /// busy" until that child execs in turn (a flaky start, seen under load).
    static func place(_ binary: String, at path: String) throws {
        if link(binary, path) == 0 { return }
        try FileManager.default.copyItem(atPath: binary, toPath: path)
        chmod(path, 0o755)
        for _ in 0..<100 where system([path, "--help"]) != 0 { usleep(20_000) }
    }

    /// A group and two accounts of this test's own, removed afterwards.
    final class Accounts {
        let tag = "dd\(getpid() % 100_000)\(UInt32.random(in: 100...999))"
        var group: String { tag + "g" }
        var first: String { tag + "a" }
        var second: String { tag + "b" }
        var made = false

        init() throws {
            guard SharedFolderTests.system(["groupadd", group]) == 0,
                  SharedFolderTests.system(["useradd", "-M", "-N", "-G", group, "-s", "/bin/sh", first]) == 0,
                  SharedFolderTests.system(["useradd", "-M", "-N", "-G", group, "-s", "/bin/sh", second]) == 0
            else { throw CocoaError(.featureUnsupported) }
            made = true
        }

        deinit {
            SharedFolderTests.system(["userdel", first])
            SharedFolderTests.system(["userdel", second])
            SharedFolderTests.system(["groupdel", group])
        }
    }

    @Test func twoAccountsShareOneJournalThroughTheGroupFolder() throws {
        guard getuid() == 0 else {
            // Making accounts needs root. CI runs as root, so this never skips there.
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "CI must run as root for this test")
            return
        }
        let accounts = try Accounts()
        let root = TempFolder.make("shared")
        defer { TempFolder.remove(root) }
        chmod(root.path, 0o755)
        // The binary where the accounts can run it, whatever the clone's permissions.
        let bin = root.appendingPathComponent("dutydesk").path
        try Self.place(CLIRunner.executable.path, at: bin)
        // The center's folder: the group's, setgid, no access for others.
        let folder = root.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(Self.system(["chgrp", accounts.group, folder.path]) == 0)
        #expect(chmod(folder.path, 0o2770) == 0)

        let ts = Line.time(Date().addingTimeInterval(-300))
        let events = [("SJ-SHARE-0001", "甲的测试事件"), ("SJ-SHARE-0002", "乙的测试事件")].map { id, title in
            Line.event(id, ts, title: title)
        }
        let feed = folder.appendingPathComponent("feed.jsonl").path
        try (events.joined(separator: "\n") + "\n").write(toFile: feed, atomically: false, encoding: .utf8)
        chmod(feed, 0o640)

        func console(_ account: String, _ name: String) -> String {
            "runuser -u \(account) -- sh -c 'umask 007; TERM=xterm-256color exec \(bin) watch --poll 100 --operator \(name) \(folder.path)'; sleep 30"
        }
        func dispatch(_ tmux: TmuxConsoleTests.Tmux, title: String) throws {
            try tmux.keys("/")
            try tmux.keys("-l", title)
            try tmux.keys("Enter", "d")
            #expect(tmux.waitFor("the unit chooser") { $0.contains("任务类型：") })
            try tmux.keys("Enter")
            #expect(tmux.waitFor("the dispatch of \(title)") { $0.contains("转派 ✓") })
        }

        let a = TmuxConsoleTests.Tmux()
        try a.run(["new-session", "-d", "-s", a.session, "-x", "120", "-y", "40", console(accounts.first, "甲")])
        #expect(a.waitFor("console A") { $0.contains("甲的测试事件") })
        try dispatch(a, title: "甲的测试事件")

        // The journal A created belongs to the group and is writable by it.
        let journal = folder.appendingPathComponent("operator-journal.jsonl").path
        var st = stat()
        #expect(lstat(journal, &st) == 0)
        #expect(st.st_mode & 0o777 == 0o660, "journal mode \(String(st.st_mode & 0o777, radix: 8))")
        #expect(getgrgid(st.st_gid).map { String(cString: $0.pointee.gr_name) } == accounts.group)
        #expect(getpwuid(st.st_uid).map { String(cString: $0.pointee.pw_name) } == accounts.first)

        let b = TmuxConsoleTests.Tmux()
        try b.run(["new-session", "-d", "-s", b.session, "-x", "120", "-y", "40", console(accounts.second, "乙")])
        #expect(b.waitFor("A's task on B") { $0.contains("乙的测试事件") && $0.contains("ZF-") })
        try dispatch(b, title: "乙的测试事件")
        // A sees B's task without a key.
        try a.keys("Escape", "2")   // the task pane, unfiltered
        #expect(a.waitFor("B's task on A") { $0.split(separator: "\n").filter { $0.contains("ZF-") }.count >= 2 })

        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        let tasks = lines.filter { $0.contains(#""kind":"task""#) }
        #expect(tasks.count == 2)
        #expect(tasks.contains { $0.contains(#""by":"甲""#) } && tasks.contains { $0.contains(#""by":"乙""#) })
        let ids = tasks.compactMap { line in line.range(of: #"ZF-[0-9]{8}-[0-9]+"#, options: .regularExpression).map { String(line[$0]) } }
        #expect(Set(ids).count == 2, "task ids: \(ids)")
        try a.keys("q")
        try b.keys("q")
        _ = accounts
    }
}
