import DutyTestSupport
import Foundation
import Testing

/// A console killed by a crash signal gives the terminal back at once: the
/// main screen, the shell's modes (canonical input, echo), the crash report on
/// stderr below it, and the exit status 128 + the signal. Run in tmux, as a
/// duty officer over ssh would meet it.
@Suite(.serialized) struct CrashRestoreTests {
    @Test(arguments: [("SEGV", SIGSEGV), ("QUIT", SIGQUIT), ("ABRT", SIGABRT), ("BUS", SIGBUS),
                      ("PIPE", SIGPIPE), ("USR1", SIGUSR1), ("USR2", SIGUSR2)])
    func crashSignalRestoresTheTerminal(name: String, signal: Int32) throws {
        let dir = TempFolder.make("crash\(name)")
        defer { TempFolder.remove(dir) }
        // Its own TMPDIR: a crash may leave the demo's scratch folder behind.
        let run = try ConsoleRun("demo", environment: "TMPDIR='\(try ConsoleRun.ownTmp(in: dir).path)'", in: dir,
                                 width: 100, height: 30)
        let tmux = run.tmux
        #expect(tmux.waitFor("the demo") { $0.contains("网格事件") && $0.contains("演示") })
        guard let pid = run.pid else { Issue.record("no pid"); return }
        #expect(kill(pid, signal) == 0)
        // A hang detector, not a timing: the old backtracer waited 30 s for a key.
        #expect(run.exitStatus() == "EXIT=\(128 + signal)")
        let stty = run.terminalModes
        let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo"),
                "terminal modes after SIG\(name): \(stty)")
        let alternate = try tmux.run(["display-message", "-p", "-t", tmux.session, "#{alternate_on}"])
        #expect(alternate.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "still on the alternate screen after SIG\(name)")
        let screen = tmux.screen()
        #expect(!screen.contains("网格事件"), "the panes are still shown after SIG\(name):\n\(screen)")
        let report = run.stderr
        if [SIGSEGV, SIGQUIT, SIGABRT, SIGBUS].contains(signal) {
            // Swift's backtracer reports on stderr, never over the screen.
            #expect(report.contains("Program crashed"), "no crash report on stderr for SIG\(name)")
            #expect(!screen.contains("Program crashed"))
        } else {
            // Signals the backtracer does not take get a line of their own.
            #expect(report.contains("dutydesk: ended by SIG\(name)"), "stderr for SIG\(name): \(report)")
        }
    }
}
