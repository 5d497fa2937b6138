import Dispatch
import DutyTerminal
import DutyUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The terminal's cursor while a form is typed in (`CellGrid.cursor`): shown
/// where the grid puts it, hidden again after, and as it was after Ctrl-Z
/// and `fg` (ncurses puts the cursor back on at suspend).
extension TerminalPtyTests {
    static func typing(at x: Int, _ y: Int) -> CellGrid {
        var grid = sampleGrid()
        grid.cursor = GridPoint(x: x, y: y)
        return grid
    }

    @Test func theCursorShowsWhileTypingAndHidesAfterAndAcrossASuspend() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        h.terminal.draw(Self.typing(at: 5, 2), theme: BuiltinThemes.dark)
        var screen = h.pty.waitForScreen(width: 40, height: 8) { $0.cursorVisible && $0.cursor == (5, 2) }
        #expect(screen.cursorVisible && screen.cursor == (5, 2))
        h.terminal.draw(Self.sampleGrid(), theme: BuiltinThemes.dark)
        screen = h.pty.waitForScreen(width: 40, height: 8) { !$0.cursorVisible }
        #expect(!screen.cursorVisible)
        // Suspended and resumed with no form open: still hidden.
        #expect(suspendAndResume(h))
        screen = h.pty.waitForScreen(width: 40, height: 8) { $0.lines == Self.sampleGrid().lines }
        #expect(!screen.cursorVisible)
        // With a form open: shown again where it stood.
        h.terminal.draw(Self.typing(at: 7, 3), theme: BuiltinThemes.dark)
        _ = h.pty.waitForScreen(width: 40, height: 8) { $0.cursorVisible && $0.cursor == (7, 3) }
        #expect(suspendAndResume(h))
        screen = h.pty.waitForScreen(width: 40, height: 8) { $0.cursorVisible && $0.cursor == (7, 3) }
        #expect(screen.cursorVisible && screen.cursor == (7, 3))
    }

    /// Ctrl-Z and a SIGCONT from a helper shell; true once the screen is taken back.
    private func suspendAndResume(_ h: Harness) -> Bool {
        let mark = h.pty.output.count
        var pid: pid_t = 0
        let words = ["/bin/sh", "-c", "sleep 0.2; kill -CONT \(getpid())"]
        let args: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
        defer { args.forEach { free($0) } }
        var argv = args + [nil]
        guard posix_spawn(&pid, "/bin/sh", nil, nil, &argv, nil) == 0 else { return false }
        kill(getpid(), SIGTSTP)
        let resumed = h.pty.waitFor(timeout: 5) {
            let s = String(decoding: $0[mark...], as: UTF8.self)
            guard let off = s.range(of: "\u{1b}[?1049l") else { return false }
            return s[off.upperBound...].contains("\u{1b}[?1049h")
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return resumed
    }
}
