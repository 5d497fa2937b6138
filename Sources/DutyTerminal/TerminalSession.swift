import CNcursesw
import Dispatch
import DutyUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running ncurses screen: everything between `newterm` and `delscreen`.
///
/// Every method runs on `Terminal.queue`, the one thread ncurses is ever
/// called from (ncurses is not thread-safe, and its state — the current
/// screen, LINES, COLS — is global). `Terminal` is the public face that hops
/// onto that queue; this type assumes it is already there.
// @unchecked Sendable: every method runs on `Terminal.queue`, the one thread ncurses is called from.
final class TerminalSession: @unchecked Sendable {
    let outputFD: Int32
    let inputFD: Int32
    let depth: ColorDepth
    let mouse: Bool
    private(set) var closed = false

    private let screen: OpaquePointer
    private let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    /// Keys are read through a 1×1 pad: wget_wch on stdscr would first
    /// refresh stdscr whenever it was touched (after a resize, say), painting
    /// a stale frame; a pad is never refreshed by input.
    private let inputPad: UnsafeMutablePointer<WINDOW>
    private let painter: ScreenPainter
    private let eventQueue: DispatchQueue
    private let onEvent: @Sendable (TerminalEvent) -> Void
    private let onSignal: @Sendable (TerminalSignal) -> Void
    private var readSource: DispatchSourceRead?
    /// Set when the input reached end of file or hung up: the read source is
    /// suspended (not cancelled, which would close the FILE ncurses reads).
    private var inputGone = false
    private(set) var reportedSize: TerminalSize
    private var emptyWakes = 0
    private var suspendedByUs = false
    /// The cursor is shown (a form is being typed in): `placeCursor`.
    private var cursorShown = false

    /// Sets the terminal up; see `Terminal.start` for what is done and why.
    init(mouse wantMouse: Bool, input: Int32, output: Int32, term: String?, noColor: Bool,
         eventQueue: DispatchQueue,
         onEvent: @escaping @Sendable (TerminalEvent) -> Void,
         onSignal: @escaping @Sendable (TerminalSignal) -> Void) throws(TerminalError) {
        let term = try TerminalCapabilities.check(output: output, term: term)
        DisplayWidth.ensureUTF8Locale()               // setlocale(LC_ALL, ""): before newterm
        SignalRouter.shared.install()                 // before newterm: ncurses leaves them alone

        // ncurses gets its own descriptors: closing its FILEs at the end must
        // not close the caller's stdin and stdout.
        let outFD = dup(output), inFD = dup(input)
        guard outFD >= 0, inFD >= 0, let out = fdopen(outFD, "w") else {
            if outFD >= 0 { closeDescriptor(outFD) }
            if inFD >= 0 { closeDescriptor(inFD) }
            throw .setupFailed(term: term)
        }
        guard let inp = fdopen(inFD, "r") else {
            fclose(out); closeDescriptor(inFD)
            throw .setupFailed(term: term)
        }
        SignalRouter.shared.saveShellModes(fd: outFD)   // what a crash puts back
        guard let screen = newterm(term, out, inp) else {
            fclose(out); fclose(inp)
            throw .setupFailed(term: term)
        }
        _ = set_term(screen)
        guard let pad = newpad(1, 1) else {
            _ = endwin(); delscreen(screen); fclose(out); fclose(inp)
            throw .setupFailed(term: term)
        }
        inputPad = pad
        self.screen = screen
        outputFile = out
        inputFile = inp
        outputFD = outFD
        inputFD = inFD
        self.eventQueue = eventQueue
        self.onEvent = onEvent
        self.onSignal = onSignal

        let stdscr = dd_stdscr()
        _ = cbreak()                                  // keys at once; Ctrl-C/Ctrl-Z stay signals
        _ = noecho()
        _ = nonl()
        _ = intrflush(stdscr, false)
        _ = keypad(stdscr, true)
        _ = leaveok(stdscr, true)                     // the cursor is hidden: never move it back
        _ = set_escdelay(25)                          // a lone Esc registers after 25 ms
        _ = curs_set(0)

        var depth = ColorDepth.none
        var defaultColors = false
        if !noColor && has_colors() {
            _ = start_color()
            defaultColors = use_default_colors() == OK
            depth = ColorDepth(colors: Int(dd_colors()))
        }
        self.depth = depth
        painter = ScreenPainter(depth: depth, defaultColors: defaultColors,
                                pairs: ColorPairs(limit: Int(dd_color_pairs())) { init_pair($0, $1, $2) == OK })

        _ = keypad(inputPad, true)
        _ = nodelay(inputPad, true)
        for (sequence, code) in InputDecoder.alternateSequences + InputDecoder.pasteSequences { _ = define_key(sequence, code) }

        var mouseOn = false
        if wantMouse {
            _ = mouseinterval(0)                      // report presses at once, no click timer
            mouseOn = mousemask(InputDecoder.mouseMask, nil) != 0
        }
        mouse = mouseOn
        SignalRouter.shared.setRestoreBytes(mouse: mouseOn)

        reportedSize = TerminalSize(width: Int(dd_cols()), height: Int(dd_lines()))
        _ = wnoutrefresh(stdscr)                      // enter the alternate screen now
        _ = doupdate()
        bracketPastes(true)

        if isatty(inFD) != 0 {
            let source = DispatchSource.makeReadSource(fileDescriptor: inFD, queue: Terminal.queue)
            source.setEventHandler { [weak self] in self?.drainInput() }
            let file = UInt(bitPattern: inp)
            source.setCancelHandler { fclose(UnsafeMutablePointer(bitPattern: file)) }
            source.resume()
            readSource = source
        }
        SignalRouter.shared.active = self
    }

    /// Restores the terminal and frees the screen; idempotent.
    func close() {
        guard !closed else { return }
        closed = true
        if SignalRouter.shared.active === self { SignalRouter.shared.active = nil }
        _ = set_term(screen)
        _ = delwin(inputPad)
        bracketPastes(false)
        _ = endwin()                                  // cooked mode, main screen, cursor shown
        delscreen(screen)
        fclose(outputFile)
        if let source = readSource {
            readSource = nil
            if inputGone { source.resume() }          // a suspended source never cancels
            source.cancel()                           // its cancel handler closes the input
        } else {
            fclose(inputFile)
        }
    }

    // MARK: - Drawing

    func draw(_ grid: CellGrid, theme: Theme) -> DrawReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let written = painter.paint(grid, theme: theme, window: dd_stdscr())
        let painted = DispatchTime.now().uptimeNanoseconds
        placeCursor(grid.cursor)
        _ = wnoutrefresh(dd_stdscr())
        _ = doupdate()
        let done = DispatchTime.now().uptimeNanoseconds
        return DrawReport(cellsWritten: written, seconds: Double(done - start) / 1e9,
                          paintSeconds: Double(painted - start) / 1e9)
    }

    /// Turns bracketed paste on (at start and after a suspend) or off (before
    /// the shell gets the terminal back: a shell that did not ask for it
    /// would see the marks as text).
    private func bracketPastes(_ on: Bool) {
        fputs(on ? InputDecoder.bracketedPasteOn : InputDecoder.bracketedPasteOff, outputFile)
        fflush(outputFile)
    }

    /// Shows the cursor where a form's text is typed (an input method puts
    /// its candidate window at the terminal's cursor) and hides it again after.
    private func placeCursor(_ at: GridPoint?) {
        if let at, at.y < Int(dd_lines()), at.x < Int(dd_cols()) {
            _ = leaveok(dd_stdscr(), false)
            _ = wmove(dd_stdscr(), Int32(at.y), Int32(at.x))
            if !cursorShown { _ = curs_set(1); cursorShown = true }
        } else if cursorShown {
            _ = curs_set(0)
            _ = leaveok(dd_stdscr(), true)
            cursorShown = false
        }
    }

    /// The next frame is written in full; with `repaint`, the physical screen
    /// is cleared and repainted too (for a screen garbled from outside).
    func invalidate(repaint: Bool) {
        painter.invalidate()
        if repaint { _ = clearok(dd_curscr(), true) }
    }

    // MARK: - Input

    /// Reads every key waiting (nodelay) and delivers them as one batch.
    /// A lone Esc makes wget_wch wait ESCDELAY (25 ms) for the rest of a
    /// sequence before returning it.
    func drainInput() {
        guard !inputGone else { return }
        var events: [TerminalEvent] = []
        var reads = 0
        while reads < 4096 {
            var wch: wint_t = 0
            let rc = wget_wch(inputPad, &wch)
            if rc == ERR { break }
            reads += 1
            if rc == KEY_CODE_YES && Int32(bitPattern: wch) == KEY_MOUSE {
                events += mouseEvents()
            } else if let event = decode(rc, wch) {
                events.append(event)
            }
        }
        if reads == 0 {
            // Readable yet nothing to read, again and again: end of file or a
            // hung-up terminal. Stop listening rather than spin, and tell the
            // app as a hangup — SIGHUP does not always follow (it goes to the
            // session leader, which may not pass it on).
            emptyWakes += 1
            let gone = dd_fd_hung_up(inputFD) != 0 || (emptyWakes >= 16 && dd_bytes_readable(inputFD) <= 0)
            if gone, let source = readSource {
                inputGone = true
                source.suspend()
                deliver(signal: .hangup)
            }
        } else {
            emptyWakes = 0
        }
        send(events)
    }

    private func decode(_ rc: Int32, _ wch: wint_t) -> TerminalEvent? {
        guard rc == KEY_CODE_YES else { return InputDecoder.key(character: UInt32(wch)).map { .key($0) } }
        switch Int32(bitPattern: wch) {
        case KEY_RESIZE:
            return sizeChange()
        case KEY_MOUSE:
            return nil                                    // see mouseEvents()
        case let code:
            return InputDecoder.key(code: code).map { .key($0) }
        }
    }

    /// The mouse events behind one KEY_MOUSE. ncurses reports a run of
    /// events that arrived together (a press and its release in one read,
    /// over a slow link) with a single KEY_MOUSE, and getmouse hands them out
    /// newest first: take them all, oldest first.
    private func mouseEvents() -> [TerminalEvent] {
        var newestFirst: [TerminalEvent] = []
        var event = MEVENT()
        while newestFirst.count < 64, getmouse(&event) == OK {
            if let kind = InputDecoder.mouseKind(event.bstate) {
                newestFirst.append(.mouse(x: Int(event.x), y: Int(event.y), kind: kind))
            }
        }
        return newestFirst.reversed()
    }

    private func send(_ events: [TerminalEvent]) {
        guard !events.isEmpty else { return }
        let handler = onEvent
        eventQueue.async { for event in events { handler(event) } }
    }

    /// A `.resize` when the screen's size differs from the last one reported.
    private func sizeChange() -> TerminalEvent? {
        let now = TerminalSize(width: Int(dd_cols()), height: Int(dd_lines()))
        guard now != reportedSize else { return nil }
        reportedSize = now
        painter.invalidate()
        return .resize(width: now.width, height: now.height)
    }

    // MARK: - Signals (see SignalRouter for the whole picture)

    func deliver(signal: TerminalSignal) {
        let handler = onSignal
        eventQueue.async { handler(signal) }
    }

    /// SIGWINCH: resize ncurses to the terminal's new size and report it.
    func windowChanged() {
        resizeToTerminal()
        drainInput()                                  // ncurses may have queued KEY_RESIZE
        if let event = sizeChange() { send([event]) }
    }

    /// SIGTSTP (Ctrl-Z): restore the terminal, stop, and on `fg` take the
    /// screen back and repaint it.
    func suspend() {
        suspendedByUs = true
        bracketPastes(false)
        _ = endwin()
        dd_raise_default(SIGTSTP)                     // returns after SIGCONT
        resume()
    }

    /// SIGCONT: after our own suspend, already handled; after a stop from
    /// outside (kill -STOP), re-apply terminal modes and repaint.
    func continued() {
        if suspendedByUs { suspendedByUs = false; return }
        _ = reset_prog_mode()
        resume()
    }

    private func resume() {
        resizeToTerminal()
        _ = clearok(dd_curscr(), true)
        _ = doupdate()                                // after endwin: program mode, alt screen, full repaint
        bracketPastes(true)
        drainInput()
        if let event = sizeChange() { send([event]) }
    }

    private func resizeToTerminal() {
        var rows: Int32 = 0, cols: Int32 = 0
        guard dd_get_winsize(outputFD, &rows, &cols) == 0, rows > 0, cols > 0 else { return }
        if rows != dd_lines() || cols != dd_cols() { _ = resizeterm(rows, cols) }
    }
}

/// close(2), which `TerminalSession.close()` hides inside the type.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
