import Dispatch
import DutyCore
import DutyTerminal
import DutyUI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal's share, on a pseudo-terminal of its own (no real terminal
/// needed): a full 200×60 console frame through ncurses, frames where about
/// 5 % of the cells changed (the clock, a few rows, a selection moving), and
/// how soon a lone Esc arrives as a key (ncurses waits ESCDELAY for the rest
/// of a sequence). The terminal tests once asserted bounds on these; a
/// timing is measured here, never asserted in a unit test.
struct TerminalBench {
    let store: Store

    func run() {
        guard let pty = BenchPty(width: 200, height: 60) else { return print("terminal: no pseudo-terminal, skipped") }
        let events = DispatchQueue(label: "bench.events")
        let escapes = EscapeClock()
        let terminal = Terminal()
        do {
            _ = try terminal.start(mouse: false, input: pty.slave, output: pty.slave, term: "xterm-256color",
                                   noColor: false, queue: events,
                                   onEvent: { if $0 == .key(.escape) { escapes.arrived() } }, onSignal: { _ in })
        } catch {
            return print("terminal: cannot start on a pty (\(error)), skipped")
        }
        defer { terminal.stop() }
        var grid = ConsoleView(store: store, paneRows: PaneRows(), badge: .live).render(ConsoleState(), width: 200, height: 60)
        let first = terminal.draw(grid, theme: BuiltinThemes.dark)
        var random: UInt64 = 7
        func next() -> Int {                                   // xorshift64: the same frames every run
            random ^= random << 13; random ^= random >> 7; random ^= random << 17
            return Int(truncatingIfNeeded: random >> 1)
        }
        let words = ["锦屏", "岳林", "江口", "西坞", "萧王庙", "open", "done", "P1", "12:07", "▲", "●"]
        let roles: [Role] = [.text, .priority1, .priority2, .eventOpen, .taskOverdue, .alertCritical, .dim]
        var times: [Double] = [], paints: [Double] = [], written: [Int] = []
        for _ in 0..<40 {
            var changed = 0
            while changed < 600 {                               // 5 % of 12 000 cells
                let y = next() % 60
                changed += grid.put(text: words[next() % words.count], x: next() % 190, y: y,
                                    style: Style(roles[next() % roles.count], selected: y == 20))
            }
            let r = terminal.draw(grid, theme: BuiltinThemes.dark)
            times.append(r.seconds); paints.append(r.paintSeconds); written.append(r.cellsWritten)
        }
        let median = times.sorted()[times.count / 2], worst = times.max() ?? 0
        print(String(format: "terminal 200×60: first frame %.2f ms (paint %.2f ms, %d cells); ~5%% changed: median %.2f ms (paint %.2f ms), worst %.2f ms (median %d cells) (targets: first ≤ 500 ms, median ≤ 100 ms)",
                     first.seconds * 1000, first.paintSeconds * 1000, first.cellsWritten, median * 1000,
                     paints.sorted()[paints.count / 2] * 1000, worst * 1000, written.sorted()[written.count / 2]))
        var delays: [Double] = []
        for _ in 0..<5 {
            let sent = escapes.reset()
            pty.typeEscape()
            if let at = escapes.wait(seconds: 1) { delays.append(Double(at - sent) / 1e6) }
        }
        let delay = delays.sorted().dropFirst(delays.count / 2).first ?? .nan
        print(String(format: "lone Esc → key: %.1f ms (median of %d; ESCDELAY is 25 ms; target ≤ 100 ms)", delay, delays.count))
    }
}

/// When the last lone Esc arrived as a key (monotonic nanoseconds).
// @unchecked Sendable: `at` is read and written under `lock` only.
private final class EscapeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var at: UInt64?

    func arrived() { lock.withLock { at = at ?? DispatchTime.now().uptimeNanoseconds } }

    /// Forgets the last arrival; returns now, the time the next Esc is sent.
    func reset() -> UInt64 { lock.withLock { at = nil }; return DispatchTime.now().uptimeNanoseconds }

    func wait(seconds: Double) -> UInt64? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if let t = lock.withLock({ at }) { return t }
            usleep(500)
        }
        return nil
    }
}

/// A pseudo-terminal opened as glibc's posix_openpt/unlockpt/ptsname do it
/// on Linux (Swift's Glibc does not declare those, and the bench links no
/// test code): the slave is the console's terminal; the master's output is
/// read and dropped as it comes, so a large frame never blocks on a full buffer.
// @unchecked Sendable: its descriptors are set once in init; the reader source runs on its own queue.
private final class BenchPty: @unchecked Sendable {
    /// <asm-generic/ioctls.h>: _IOR('T', 0x30, unsigned) and _IOW('T', 0x31, int).
    private static let getPtyNumber: UInt = 0x8004_5430, setPtyLock: UInt = 0x4004_5431

    let master: Int32, slave: Int32
    private let reader: DispatchSourceRead

    init?(width: Int, height: Int) {
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard m >= 0 else { return nil }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(m, Self.setPtyLock, &unlock) == 0, ioctl(m, Self.getPtyNumber, &number) == 0 else { close(m); return nil }
        let s = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard s >= 0 else { close(m); return nil }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(m, UInt(TIOCSWINSZ), &size)
        _ = fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK)
        master = m; slave = s
        let source = DispatchSource.makeReadSource(fileDescriptor: m, queue: DispatchQueue(label: "bench.pty"))
        source.setEventHandler {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while read(m, &chunk, chunk.count) > 0 {}
        }
        source.setCancelHandler { close(m) }
        source.resume()
        reader = source
    }

    deinit {
        close(slave)
        reader.cancel()                                     // closes the master
    }

    /// A lone Esc, as a user presses it.
    func typeEscape() {
        var escape: UInt8 = 0x1B
        _ = write(master, &escape, 1)
    }
}
