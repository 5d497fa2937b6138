import CNcursesw
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns the process's signals while a console may run, and routes them to
/// the running `Terminal` on the terminal's queue.
///
/// Signals are process-wide and libdispatch installs a signal source's
/// handler only once per signal, so sources are created once (at the first
/// `start`) and never cancelled; with no terminal running, each signal does
/// what it would do by default. What happens in each case:
///
/// - **SIGINT, SIGTERM, SIGHUP** (Ctrl-C, `kill`, lost connection): first set
///   to SIG_IGN so that nothing kills the process before the sources are live
///   (and so that ncurses does not install its own cleanup handlers), then
///   observed by dispatch sources and handed to the app's `onSignal` on the
///   app's queue. The app flushes its journal, calls `stop()` and exits. A
///   signal the process inherited as ignored (e.g. SIGHUP under `nohup`)
///   stays ignored.
/// - **SIGTSTP** (Ctrl-Z): the terminal is restored (`endwin`: cooked mode,
///   main screen, cursor shown), then the process stops itself with SIGTSTP's
///   default action; on `fg` (SIGCONT) ncurses' screen is resumed and
///   repainted in full, and a size change while stopped is reported as
///   `.resize`. This is done here rather than by ncurses' own SIGTSTP
///   handler, which would run on whichever thread got the signal — dispatch's
///   threads block it — concurrently with drawing on the terminal's queue.
///   Without job control (an orphaned process group, e.g. `bash -c` in a
///   tmux pane) the kernel discards the stop, as for any program, and the
///   screen is only repainted.
/// - **SIGCONT** without our own suspend (stopped by `kill -STOP`): terminal
///   modes are re-applied and the screen repainted in full.
/// - **SIGWINCH**: the new size is read from the output terminal, ncurses is
///   resized (`resizeterm`) and `.resize(width:height:)` is delivered; the
///   next frame is drawn in full.
/// - **SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGPIPE,
///   SIGUSR1, SIGUSR2** (crashes, and the signals whose default is to end the
///   process; Swift's runtime traps are SIGILL on x86-64 and SIGTRAP on
///   arm64; SIGQUIT is Ctrl-\): a `sigaction` handler restores the terminal
///   with async-signal-safe calls only — the bytes that leave the alternate
///   screen (made when the screen started) with `write`, and the shell's
///   terminal modes (saved before `newterm`) with `tcsetattr` — then hands
///   the signal on to the previous handler (Swift's backtracer when enabled,
///   else the default action), so the crash report appears below the
///   restored screen and the exit status is 128 + the signal. A signal
///   inherited as ignored stays ignored. See shim.h.
/// - **Normal exit** (`exit`, return from main): an `atexit` hook stops a
///   terminal still running.
///
/// Only this file touches the crash handler's state in shim.h (see there).
// @unchecked Sendable: its state is touched on the terminal's queue only; the C handler reads shim.h's own state.
final class SignalRouter: @unchecked Sendable {
    static let shared = SignalRouter()

    /// The running terminal; read and written on the terminal's queue only.
    var active: TerminalSession? {
        didSet { dd_crash_arm(active == nil ? 0 : 1) }
    }

    private var installed = false
    private var sources: [DispatchSourceSignal] = []

    static let requests: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let jobControl: [Int32] = [SIGTSTP, SIGCONT, SIGWINCH]
    static let crashes: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT,
                                   SIGPIPE, SIGUSR1, SIGUSR2]

    /// Installs sources and handlers, once per process; call on the terminal
    /// queue before `newterm` (which leaves alone signals not at SIG_DFL).
    /// Returns when libdispatch's handlers are in place, so a signal sent
    /// right after `start` is not lost.
    func install() {
        guard !installed else { return }
        installed = true
        var watched: [Int32] = []
        for sig in Self.requests + Self.jobControl {
            // Respect an inherited SIG_IGN (nohup, background jobs); the
            // window and continue signals are always needed.
            if dd_signal_is_ignored(sig) != 0 && !(sig == SIGWINCH || sig == SIGCONT) { continue }
            _ = dd_signal_ignore(sig)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: Terminal.queue)
            source.setEventHandler { [unowned self] in self.handle(sig) }
            source.resume()
            sources.append(source)
            watched.append(sig)
        }
        // libdispatch registers a source (and, on Linux, installs its handler)
        // asynchronously on its manager thread: wait, boundedly, for that.
        var waited = 0
        while waited < 2000, watched.contains(where: { dd_signal_is_ignored($0) != 0 }) {
            usleep(250)
            waited += 1
        }
        // A signal inherited as ignored (SIGPIPE under some parents) stays
        // ignored: restoring the screen and then carrying on would be worse.
        for sig in Self.crashes where dd_signal_is_ignored(sig) == 0 { _ = dd_install_crash_handler(sig) }
        atexit { Terminal.restoreAtExit() }
    }

    /// Before `newterm`: the terminal modes a crash handler puts back.
    func saveShellModes(fd: Int32) { dd_crash_save_modes(fd) }

    /// After `newterm`: the bytes a crash handler writes to give the screen
    /// back. Made now, from terminfo, because a signal handler can neither
    /// allocate nor call into ncurses.
    func setRestoreBytes(mouse: Bool) {
        var bytes: [UInt8] = []
        // Keypad off, attributes off, cursor shown, then the main screen.
        for cap in ["rmkx", "sgr0", "cnorm", "rmcup"] {
            guard let p = tigetstr(cap), Int(bitPattern: p) != -1 else { continue }
            bytes += Self.withoutPadding(Array(String(cString: p).utf8))
        }
        // xterm mouse reporting off (the modes ncurses' xterm mouse turns on).
        if mouse { bytes += Array("\u{1b}[?1006l\u{1b}[?1003l\u{1b}[?1002l\u{1b}[?1000l".utf8) }
        bytes += Array(InputDecoder.bracketedPasteOff.utf8)
        bytes.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { dd_crash_set_bytes($0.baseAddress, Int32($0.count)) }
        }
    }

    /// Terminfo strings may hold padding (`$<5>`), which is a delay for
    /// ncurses to make, not bytes for the terminal.
    static func withoutPadding(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "$"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "<"),
               let close = s[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// Runs on the terminal queue for every signal observed.
    private func handle(_ sig: Int32) {
        guard let session = active else {
            // No console: the signal's ordinary meaning.
            if Self.requests.contains(sig) || sig == SIGTSTP { dd_raise_default(sig) }
            return
        }
        switch sig {
        case SIGINT: session.deliver(signal: .interrupt)
        case SIGTERM: session.deliver(signal: .terminate)
        case SIGHUP: session.deliver(signal: .hangup)
        case SIGTSTP: session.suspend()
        case SIGCONT: session.continued()
        case SIGWINCH: session.windowChanged()
        default: break
        }
    }
}
