import CNcursesw
import Dispatch
import DutyTerminal
import DutyUI
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `Terminal` on a pseudo-terminal: ncurses draws into the pty's
/// slave, the test reads the master (replaying it on a `VirtualScreen`) and
/// types into it. Serialized: ncurses and signals are process-wide, so one
/// terminal runs at a time.
@Suite(.serialized)
struct TerminalPtyTests {
    /// A running terminal on a fresh pty, and what it delivers.
    struct Harness {
        let pty: PtyPair
        let log = EventLog()
        let terminal = Terminal()
        let size: TerminalSize

        init(width: Int = 40, height: Int = 8, mouse: Bool = false, noColor: Bool = false) throws {
            pty = try PtyPair(width: width, height: height)
            let log = self.log
            size = try terminal.start(mouse: mouse, input: pty.slave, output: pty.slave,
                                      term: "xterm-256color", noColor: noColor, queue: log.queue,
                                      onEvent: { log.record($0) }, onSignal: { log.record($0) })
        }

        func screen(matching grid: CellGrid) -> VirtualScreen {
            pty.waitForScreen(width: grid.width, height: grid.height) { $0.lines == grid.lines }
        }

        /// Draws `grid` and waits until the screen shows it.
        @discardableResult
        func show(_ grid: CellGrid) -> VirtualScreen {
            terminal.draw(grid, theme: BuiltinThemes.dark)
            return screen(matching: grid)
        }
    }

    static func sampleGrid(width: Int = 40, height: Int = 8) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.put(text: "奉化区综合指挥中心 · 值班台", x: 0, y: 0, style: Style(.headerTitle))
        grid.put(text: "ASCII and 中文 mixed", x: 2, y: 1, style: Style(.priority1))
        grid.put(text: "| 锦屏街道 | 岳林 | ok |", x: 0, y: 2, style: Style(.text, selected: true))
        grid.put(text: "bell\u{07}esc\u{1b}[31mred\u{9b}c1", x: 0, y: 3, style: Style(.alertCritical))
        grid.put(text: "e\u{301}te\u{301} 🙂 中 end", x: 0, y: 4, style: Style(.dim))
        grid.put(text: "last row, last column →", x: 17, y: height - 1, style: Style(.footer))
        return grid
    }

    @Test func drawsTheGridAsTextInTheRightColumns() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        #expect(h.size == TerminalSize(width: 40, height: 8))
        #expect(h.terminal.colorDepth == .xterm256)
        let grid = Self.sampleGrid()
        let report = h.terminal.draw(grid, theme: BuiltinThemes.dark)
        #expect(report.cellsWritten > 0)
        let screen = h.screen(matching: grid)
        #expect(screen.lines == grid.lines)
        #expect(screen.strayControls.isEmpty)
        #expect(screen.alternate)
        #expect(!screen.cursorVisible)
        let text = String(decoding: h.pty.output, as: UTF8.self)
        #expect(text.contains("38;5;"))                   // 256-colour foregrounds
        #expect(!text.unicodeScalars.contains { $0.value == 0x07 || (0x80...0x9F).contains($0.value) })
    }

    /// Glyphs the grid counts 2 wide but ncurses (wcwidth of the base) counts
    /// 1 — "❤️", ZWJ families, flags — are drawn so that the columns after
    /// them still line up, on ncurses' own column count.
    @Test func emojiSequencesKeepTheColumnsAligned() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        var grid = CellGrid(width: 40, height: 8)
        let samples = ["❤️", "👨‍👩‍👧", "🇨🇳", "👍🏽", "✔️", "中"]
        for (y, s) in samples.enumerated() {
            grid.put(text: s, x: 2, y: y)
            grid.put(text: "|end", x: 4, y: y)
        }
        h.terminal.draw(grid, theme: BuiltinThemes.dark)
        let screen = h.pty.waitForScreen(width: 40, height: 8) { $0.line(5).hasPrefix("  中|end") }
        for y in samples.indices {
            let line = screen.line(y)
            let bar = line.firstIndex(of: "|").map { line[..<$0] } ?? ""
            // Columns before the bar, as the terminal's wcwidth counts them.
            let columns = bar.unicodeScalars.reduce(0) { $0 + max(0, Int(dd_wcwidth(wchar_t(bitPattern: $1.value)))) }
            #expect(columns == 4, "\(samples[y]): \(line)")
        }
        #expect(screen.strayControls.isEmpty)
    }

    @Test func laterFramesWriteOnlyWhatChanged() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        var grid = Self.sampleGrid()
        h.show(grid)
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.dark).cellsWritten == 0)
        grid.put(text: "XY", x: 5, y: 6)
        grid.put(text: "区", x: 0, y: 0, style: Style(.headerTitle))   // replaces 奉: one wide cell
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.dark).cellsWritten == 3)
        #expect(h.screen(matching: grid).lines == grid.lines)
        // A wide glyph replaced by two narrow ones, and the reverse.
        grid.put(text: "ab", x: 0, y: 0, style: Style(.headerTitle))
        grid.put(text: "中", x: 5, y: 6)
        #expect(h.show(grid).lines == grid.lines)
        // A new theme repaints everything (each wide glyph once).
        let glyphs = grid.cells.filter { $0.width > 0 }.count
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.light).cellsWritten == glyphs)
        h.terminal.invalidate()
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.light).cellsWritten == glyphs)
    }

    @Test func decodesKeysInOrder() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        let input: [(String, Key)] = [
            ("j", .character("j")), ("\u{1b}[A", .up), ("\t", .tab), ("\u{1b}[Z", .backTab),
            ("中", .character("中")), ("\r", .enter), ("\u{7f}", .backspace), ("\u{08}", .backspace),
            ("\u{01}", .ctrl("a")), ("G", .character("G")), ("/", .character("/")), ("?", .character("?")),
            ("\u{1b}OB", .down), ("\u{1b}[6~", .pageDown), ("\u{1b}[5~", .pageUp), ("\u{1b}OH", .home),
            ("\u{1b}[F", .end), ("\u{1b}[3~", .delete), ("\u{1b}OP", .f(1)), ("\u{1b}[15~", .f(5)),
            (" ", .character(" ")), ("é", .character("é")),
        ]
        for (bytes, _) in input { h.pty.type(bytes) }
        let events = h.log.wait(for: input.count)
        #expect(events == input.map { .key($0.1) })
        #expect(events.compactMap { if case .key(let k) = $0 { k.name } else { nil } }.prefix(6)
                == ["j", "Up", "Tab", "S-Tab", "中", "Enter"])
    }

    /// A lone Esc is a key of its own, not the start of a sequence that never
    /// comes. (How soon it arrives is measured in dutydesk-bench; the wait
    /// here only detects a hang.)
    @Test func aLoneEscapeArrivesAsEscape() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        for _ in 0..<3 {
            h.log.clear()
            h.pty.type("\u{1b}")
            let events = h.log.wait(for: 1, timeout: 1)
            #expect(events == [.key(.escape)])
        }
    }

    @Test func mouseClicksAndWheel() throws {
        let h = try Harness(mouse: true)
        #expect(h.terminal.mouseEnabled == true)
        #expect(h.pty.waitFor { String(decoding: $0, as: UTF8.self).contains("1000h") })
        h.pty.type("\u{1b}[<0;5;3M")                        // press at column 5, row 3 (1-based)
        h.pty.type("\u{1b}[<0;5;3m")                        // release: not an event
        h.pty.type("\u{1b}[<64;10;4M")                      // wheel up
        h.pty.type("\u{1b}[<65;10;4M")                      // wheel down
        h.pty.type("k")
        let events = h.log.wait(for: 4)
        #expect(events == [.mouse(x: 4, y: 2, kind: .click), .mouse(x: 9, y: 3, kind: .wheelUp),
                           .mouse(x: 9, y: 3, kind: .wheelDown), .key(.character("k"))])
        let mark = h.pty.output.count
        h.terminal.stop()
        #expect(h.pty.waitFor { String(decoding: $0[mark...], as: UTF8.self).contains("1000l") })
    }

    @Test func resizeIsReportedAndRedrawnInFull() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        h.terminal.draw(Self.sampleGrid(), theme: BuiltinThemes.dark)
        h.pty.resize(width: 60, height: 12)
        kill(getpid(), SIGWINCH)                            // what the kernel sends the foreground job
        let events = h.log.wait(for: 1)
        #expect(events == [.resize(width: 60, height: 12)])
        #expect(h.terminal.size == TerminalSize(width: 60, height: 12))
        let grid = Self.sampleGrid(width: 60, height: 12)
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.dark).cellsWritten == grid.cells.filter { $0.width > 0 }.count)
        #expect(h.screen(matching: grid).lines == grid.lines)
        // A grid drawn for the old size is clipped, never wrapped.
        h.pty.resize(width: 30, height: 6)
        kill(getpid(), SIGWINCH)
        #expect(h.log.wait(for: 2).last == .resize(width: 30, height: 6))
        h.terminal.draw(grid, theme: BuiltinThemes.dark)
        let small = h.pty.waitForScreen(width: 30, height: 6) {
            $0.line(1).hasPrefix("  ASCII and 中文 mixed") && $0.line(2).hasPrefix("| 锦屏街道")
        }
        #expect(small.line(0) == "奉化区综合指挥中心 · 值班台   ")  // cut at 30 columns
        #expect(small.line(1) == "  ASCII and 中文 mixed        ")
        #expect(small.line(2).hasPrefix("| 锦屏街道 | 岳林 | ok |"))  // nothing wrapped into it
    }

    @Test func signalsReachTheApp() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        kill(getpid(), SIGHUP)
        kill(getpid(), SIGTERM)
        kill(getpid(), SIGINT)
        #expect(PtyPair.poll(timeout: 2) { h.log.allSignals.count >= 3 })
        #expect(Set(h.log.allSignals) == [.hangup, .terminate, .interrupt])
        #expect(h.terminal.isRunning)                       // the app decides when to stop
    }

    @Test func stopRestoresTheTerminalAndIsIdempotent() throws {
        let h = try Harness()
        var before = termios()
        let grid = Self.sampleGrid()
        h.show(grid)
        h.terminal.stop()
        let restored = h.pty.waitForScreen(width: 40, height: 8) { !$0.alternate && $0.cursorVisible }
        #expect(!restored.alternate)                        // rmcup: back on the main screen
        #expect(restored.cursorVisible)                     // cnorm
        #expect(tcgetattr(h.pty.slave, &before) == 0)
        #expect(before.c_lflag & tcflag_t(ICANON) != 0)     // cooked mode again
        #expect(before.c_lflag & tcflag_t(ECHO) != 0)
        #expect(!h.terminal.isRunning)
        let count = h.pty.output.count
        h.terminal.stop()                                   // again: nothing happens
        #expect(h.terminal.draw(grid, theme: BuiltinThemes.dark).cellsWritten == 0)
        usleep(20_000)
        #expect(h.pty.output.count == count)
        // The same process can start a console again.
        let again = try Harness()
        again.terminal.draw(grid, theme: BuiltinThemes.dark)
        #expect(again.screen(matching: grid).lines == grid.lines)
        again.terminal.stop()
    }

    @Test func noColorDrawsWithAttributesOnly() throws {
        let h = try Harness(noColor: true)
        defer { h.terminal.stop() }
        #expect(h.terminal.colorDepth == ColorDepth.none)
        let grid = Self.sampleGrid()
        #expect(h.show(grid).lines == grid.lines)
        let text = String(decoding: h.pty.output, as: UTF8.self)
        #expect(!text.contains("38;5;") && !text.contains("48;5;"))
    }
}
