import Dispatch
import DutyUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The console's terminal: copies cell grids to the screen, reports keys,
/// mouse, resizes and signals. The thin ncurses backend of dutydesk.
///
/// Threading: every ncurses call happens on one private serial queue
/// (`Terminal.queue`), shared by all instances because ncurses' state is
/// process-wide; the methods below may be called from any thread and hop
/// onto it. Events and signals are delivered on the queue the app gives
/// `start`, never on the terminal's.
///
/// Lifecycle: `start` → any number of `draw` → `stop`. `stop` is idempotent,
/// also runs at normal process exit, and the terminal is restored on crash
/// signals; Ctrl-Z suspends with the terminal restored (see `SignalRouter`).
///
/// ```swift
/// let terminal = Terminal()
/// let size = try terminal.start(queue: .main,
///                               onEvent: { event in … },
///                               onSignal: { s in journal.flush(); terminal.stop(); exit(s.exitStatus) })
/// terminal.draw(grid, theme: theme)
/// ```
// @unchecked Sendable: `session`, its only mutable state, is touched on `Terminal.queue` only.
public final class Terminal: @unchecked Sendable {
    /// The one queue ncurses is called from.
    static let queue: DispatchQueue = {
        let q = DispatchQueue(label: "dutydesk.terminal", qos: .userInteractive)
        q.setSpecific(key: queueKey, value: true)
        return q
    }()
    private static let queueKey = DispatchSpecificKey<Bool>()

    /// The running screen; touched on `queue` only.
    private var session: TerminalSession?

    public init() {}

    deinit {
        if let s = session { Self.onQueue { s.close() } }
    }

    /// Takes over the terminal.
    ///
    /// - Checks that `output` is a terminal and that `term` (default: `$TERM`)
    ///   can position the cursor, and throws a `TerminalError` that reads as
    ///   a message otherwise — before anything is written.
    /// - Sets the locale from the environment (`setlocale(LC_ALL, "")`,
    ///   falling back to C.UTF-8 for LC_CTYPE) so wide characters work.
    /// - Opens the screen with `newterm` on the given descriptors (so tests
    ///   can use a pty); cbreak, noecho, nonl, keypad, no intrflush, a 25 ms
    ///   escape delay, hidden cursor; colours with the terminal's default
    ///   background when it has colours and `noColor` is false (default:
    ///   `NO_COLOR` set → no colour); the mouse (button 1, wheel) if asked.
    /// - Reads keys through a dispatch read source on `input` (none when
    ///   `input` is not a terminal) and takes over SIGINT, SIGTERM, SIGHUP,
    ///   SIGTSTP, SIGCONT, SIGWINCH and the crash signals.
    ///
    /// - Parameters:
    ///   - queue: where `onEvent` and `onSignal` run (the app's queue); should
    ///     be serial, so events are handled in the order they arrived.
    ///   - onEvent: keys, mouse events and resizes.
    ///   - onSignal: SIGINT/SIGTERM/SIGHUP; the app should flush what it
    ///     must, call `stop()` and exit. The screen keeps running until then.
    /// - Returns: the screen's size, to lay out the first frame.
    @discardableResult
    public func start(mouse: Bool = true,
                      input: Int32 = STDIN_FILENO,
                      output: Int32 = STDOUT_FILENO,
                      term: String? = nil,
                      noColor: Bool? = nil,
                      queue: DispatchQueue,
                      onEvent: @escaping @Sendable (TerminalEvent) -> Void,
                      onSignal: @escaping @Sendable (TerminalSignal) -> Void) throws(TerminalError) -> TerminalSize {
        let result: Result<TerminalSize, TerminalError> = Self.onQueue {
            if SignalRouter.shared.active != nil { return .failure(.alreadyActive) }
            do throws(TerminalError) {
                let s = try TerminalSession(
                    mouse: mouse, input: input, output: output,
                    term: term ?? TerminalCapabilities.environmentTerm,
                    noColor: noColor ?? TerminalCapabilities.noColorRequested,
                    eventQueue: queue, onEvent: onEvent, onSignal: onSignal)
                session = s
                return .success(s.reportedSize)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Gives the terminal back: mouse off, cooked mode, main screen, cursor
    /// shown (`endwin`), then frees the screen (`delscreen`). Idempotent;
    /// safe from any thread, including a signal handler's queue.
    public func stop() {
        Self.onQueue {
            session?.close()
            session = nil
        }
    }

    /// True between `start` and `stop`.
    public var isRunning: Bool { Self.onQueue { session.map { !$0.closed } ?? false } }

    /// The screen size as ncurses sees it; nil when not running.
    public var size: TerminalSize? { Self.onQueue { session?.reportedSize } }

    /// The colour depth in use (`.none` with NO_COLOR or no colours); nil when not running.
    public var colorDepth: ColorDepth? { Self.onQueue { session?.depth } }

    /// Whether mouse reporting is on; nil when not running.
    public var mouseEnabled: Bool? { Self.onQueue { session?.mouse } }

    /// Draws a frame: writes the cells that changed since the last frame (all
    /// of them after a resize, a theme change or `invalidate`), then
    /// `wnoutrefresh` + `doupdate` — one write, no clear, no flicker. Returns
    /// when the frame has been handed to the terminal. Cells outside the
    /// screen are clipped. Does nothing when not running.
    @discardableResult
    public func draw(_ grid: CellGrid, theme: Theme) -> DrawReport {
        Self.onQueue {
            guard let s = session, !s.closed else { return DrawReport(cellsWritten: 0, seconds: 0, paintSeconds: 0) }
            return s.draw(grid, theme: theme)
        }
    }

    /// Makes the next `draw` write every cell; with `repaint` (Ctrl-L), the
    /// physical screen is cleared and repainted as well.
    public func invalidate(repaint: Bool = false) {
        Self.onQueue { session?.invalidate(repaint: repaint) }
    }

    /// The `atexit` hook: restores a terminal still running at exit.
    static func restoreAtExit() {
        onQueue { SignalRouter.shared.active?.close() }
    }

    /// Runs `body` on the terminal queue (inline when already there).
    static func onQueue<T>(_ body: () -> T) -> T {
        if DispatchQueue.getSpecific(key: queueKey) == true { return body() }
        return queue.sync(execute: body)
    }
}

/// What one `draw` did, for benchmarks and diagnostics.
public struct DrawReport: Equatable, Sendable {
    /// Cells handed to ncurses (changed cells, or all of them on a full frame).
    public var cellsWritten: Int
    /// Wall time of the whole draw, including ncurses' write to the terminal.
    public var seconds: Double
    /// The part spent comparing the grid with the previous frame and handing
    /// changed cells to ncurses (the rest is ncurses' doupdate and the write).
    public var paintSeconds: Double
}
