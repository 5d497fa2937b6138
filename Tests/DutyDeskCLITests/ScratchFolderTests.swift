import DutyTestSupport
import Foundation
import Testing

/// The demo's and replay's scratch folder (generated day, scratch journal)
/// goes when the console exits, by `q` or by a signal, unless the operator
/// asks to keep it; then stderr says where it is.
@Suite(.serialized) struct ScratchFolderTests {
    /// Runs `dutydesk ARGS` in tmux with its own TMPDIR, waits for the
    /// screen, ends it by `end`, and returns the TMPDIR's entries and stderr.
    private func run(_ args: String, end: (TmuxConsoleTests.Tmux, Int32) throws -> Void) throws -> (entries: [String], kept: [String], stderr: String, exit: String) {
        let dir = TempFolder.make("scratch")
        defer { TempFolder.remove(dir) }
        let tmp = try ConsoleRun.ownTmp(in: dir)
        let run = try ConsoleRun(args, environment: "TMPDIR='\(tmp.path)'", in: dir)
        let tmux = run.tmux
        #expect(tmux.waitFor("the console") { $0.contains("网格事件") })
        // While it runs, the scratch folder is there, in our TMPDIR.
        let during = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        #expect(during.count == 1 && during.allSatisfy { $0.hasPrefix("dutydesk-demo-") }, "during: \(during)")
        // Never kill(0, …): that would signal the test runner's own group.
        guard let pid = run.pid, pid > 0 else { Issue.record("no pid"); return ([], [], "", "no pid") }
        try end(tmux, pid)
        let exit = run.exitStatus(within: 10)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        let kept = entries.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: tmp.path + "/" + $0)) ?? [] }
        return (entries, kept.sorted(), run.stderr, exit)
    }

    @Test func demoRemovesItsScratchFolderOnQuit() throws {
        let r = try run("demo") { tmux, _ in try tmux.keys("q") }
        #expect(r.exit == "EXIT=0")
        #expect(r.entries.isEmpty, "left behind: \(r.entries)")
    }

    @Test func demoRemovesItsScratchFolderOnSIGTERM() throws {
        let r = try run("demo") { _, pid in #expect(kill(pid, SIGTERM) == 0) }
        #expect(r.exit == "EXIT=143")
        #expect(r.entries.isEmpty, "left behind: \(r.entries)")
    }

    @Test func keepScratchKeepsItAndSaysWhere() throws {
        let r = try run("demo --keep-scratch") { tmux, _ in try tmux.keys("q") }
        #expect(r.exit == "EXIT=0")
        #expect(r.entries.count == 1)
        #expect(r.kept.contains("generated-day.jsonl"))
        #expect(r.stderr.contains("scratch folder kept: ") && r.stderr.contains(r.entries.first ?? "-"))
    }

    @Test func replayRemovesItsScratchFolderOnQuit() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let recording = dir.appendingPathComponent("shift.jsonl")
        #expect(try CLIRunner.run(["generate", "--seed", "4", "--days", "1", "--out", recording.path]).status == 0)
        let r = try run("replay --speed 600 \(recording.path)") { tmux, _ in try tmux.keys("q") }
        #expect(r.exit == "EXIT=0")
        #expect(r.entries.isEmpty, "left behind: \(r.entries)")
    }
}
