import Dispatch
import DutyTerminal
import DutyUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The terminal's lifecycle at its edges: refusing what cannot be a console,
/// input that is not a terminal or goes away, and Ctrl-Z / `fg`.
extension TerminalPtyTests {
    @Test func refusesWhatCannotBeAConsole() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let t = Terminal()
        #expect(throws: TerminalError.outputNotATerminal(fd: fds[1])) {
            try t.start(input: fds[0], output: fds[1], term: "xterm-256color", queue: .global(),
                        onEvent: { _ in }, onSignal: { _ in })
        }
        let pty = try PtyPair(width: 20, height: 5)
        for term in ["dumb", "no-such-terminal-type"] {
            #expect(throws: TerminalError.cannotPositionCursor(term: term)) {
                try t.start(input: pty.slave, output: pty.slave, term: term, queue: .global(),
                            onEvent: { _ in }, onSignal: { _ in })
            }
        }
        #expect(pty.output.isEmpty)                         // nothing was written
        let h = try Harness()
        defer { h.terminal.stop() }
        #expect(throws: TerminalError.alreadyActive) {
            try t.start(input: pty.slave, output: pty.slave, term: "xterm-256color", queue: .global(),
                        onEvent: { _ in }, onSignal: { _ in })
        }
        #expect("\(TerminalError.outputNotATerminal(fd: 1))".hasPrefix("stdout is not a terminal"))
    }

    /// A terminal that goes away without a SIGHUP reaching us (the session
    /// leader got it and kept it) is reported as a hangup, not spun on.
    @Test func inputHangupIsReportedAsHangup() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        h.terminal.draw(Self.sampleGrid(), theme: BuiltinThemes.dark)
        h.pty.hangUp()
        #expect(PtyPair.poll(timeout: 2) { h.log.allSignals == [.hangup] })
        h.terminal.draw(Self.sampleGrid(), theme: BuiltinThemes.light)   // writes fail quietly
        #expect(h.terminal.isRunning)
    }

    /// Output to a terminal but input from elsewhere (a pipe): the screen
    /// works, no keys are read.
    @Test func inputThatIsNotATerminalIsNotRead() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let pty = try PtyPair(width: 40, height: 8)
        let log = EventLog()
        let t = Terminal()
        try t.start(mouse: false, input: fds[0], output: pty.slave, term: "xterm-256color", queue: log.queue,
                    onEvent: { log.record($0) }, onSignal: { log.record($0) })
        defer { t.stop() }
        let grid = Self.sampleGrid()
        t.draw(grid, theme: BuiltinThemes.dark)
        #expect(pty.waitForScreen(width: 40, height: 8) { $0.lines == grid.lines }.lines == grid.lines)
        _ = "j".utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, 1) }
        usleep(50_000)
        #expect(log.all.isEmpty)
    }

    @Test func ctrlZSuspendsWithTheTerminalRestoredAndResumeRepaints() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        let grid = Self.sampleGrid()
        h.show(grid)
        let mark = h.pty.output.count
        // Someone must continue us once stopped: a shell that sends SIGCONT.
        guard let helper = spawn("sleep 0.3; kill -CONT \(getpid())") else {
            Issue.record("cannot spawn /bin/sh"); return
        }
        let started = DispatchTime.now().uptimeNanoseconds
        kill(getpid(), SIGTSTP)
        let resumed = h.pty.waitFor(timeout: 5) {
            let s = String(decoding: $0[mark...], as: UTF8.self)
            guard let off = s.range(of: "\u{1b}[?1049l") else { return false }   // rmcup on suspend
            return s[off.upperBound...].contains("\u{1b}[?1049h")                 // smcup on resume
        }
        var status: Int32 = 0
        waitpid(helper, &status, 0)
        #expect(resumed)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        print("suspend → resume took \(Int(ms)) ms (about 300 when the process really stopped)")
        #expect(h.screen(matching: grid).lines == grid.lines)  // repainted in full
        #expect(h.terminal.isRunning)
    }

    /// Starts `/bin/sh -c command`; returns its pid.
    private func spawn(_ command: String) -> pid_t? {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let args: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { args.forEach { free($0) } }
        var argv = args + [nil]
        let rc = posix_spawn(&pid, "/bin/sh", nil, nil, &argv, nil)
        return rc == 0 ? pid : nil
    }
}
