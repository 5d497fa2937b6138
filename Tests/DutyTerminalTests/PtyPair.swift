import CPtyHelper
import Dispatch
import DutyTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal for tests: the slave side is handed to `Terminal` as
/// its input and output (as a real terminal would be), the master side is
/// what the test types into and reads the screen from. Works without a real
/// terminal, in CI with no tty and no stdin.
///
/// Everything ncurses writes is drained continuously into a buffer by a read
/// source, so a large frame never blocks on a full pty buffer.
final class PtyPair: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let master: Int32
    let slave: Int32
    private let received = Received()
    private let reader: DispatchSourceRead

    /// The output so far; its own lock, so the reader never touches `self`.
    private final class Received: @unchecked Sendable {
        let queue = DispatchQueue(label: "pty.buffer")
        var bytes: [UInt8] = []
    }

    init(width: Int, height: Int) throws {
        var m: Int32 = -1, s: Int32 = -1
        guard dd_open_pty(&m, &s) == 0 else { throw Failure(description: "cannot open a pty: errno \(errno)") }
        master = m
        slave = s
        _ = dd_set_winsize(master, Int32(height), Int32(width))
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let received = self.received
        let source = DispatchSource.makeReadSource(fileDescriptor: m, queue: received.queue)
        source.setEventHandler {                          // cancelling releases it: no cycle
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(m, &chunk, chunk.count)
                if n > 0 { received.bytes.append(contentsOf: chunk[0..<n]); continue }
                if n < 0 && errno == EINTR { continue }
                if n < 0 && errno == EAGAIN { return }
                source.cancel()                          // EIO: every slave descriptor is closed
                return
            }
        }
        // The master is closed only once the source is gone: closing it
        // earlier lets a new pty reuse the number under a live registration.
        source.setCancelHandler { close(m) }
        source.resume()
        reader = source
    }

    deinit {
        close(slave)
        reader.cancel()
    }

    /// Everything written to the terminal so far.
    var output: [UInt8] { received.queue.sync { received.bytes } }

    /// Output from byte offset `mark` on.
    func output(since mark: Int) -> [UInt8] {
        received.queue.sync { Array(received.bytes[min(mark, received.bytes.count)...]) }
    }

    /// Types bytes into the terminal, as a user (or the terminal itself) would.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Closes the master side, as a terminal emulator or sshd does when the
    /// window closes or the connection drops: the slave then reads EIO.
    func hangUp() { reader.cancel() }

    /// Changes the window size (what a terminal emulator does on resize).
    func resize(width: Int, height: Int) {
        _ = dd_set_winsize(master, Int32(height), Int32(width))
    }

    /// Waits until `condition` holds of the output (polled every 2 ms), at
    /// most `timeout` seconds; returns whether it did.
    func waitFor(timeout: Double = 2, _ condition: ([UInt8]) -> Bool) -> Bool {
        Self.poll(timeout: timeout) { condition(self.output) }
    }

    /// Waits until the output, replayed on a screen of the given size,
    /// satisfies `condition`; returns that screen.
    func waitForScreen(width: Int, height: Int, timeout: Double = 2,
                       _ condition: (VirtualScreen) -> Bool) -> VirtualScreen {
        var screen = VirtualScreen(width: width, height: height)
        _ = Self.poll(timeout: timeout) {
            screen = VirtualScreen(width: width, height: height)
            screen.feed(output)
            return condition(screen)
        }
        return screen
    }

    /// Polls `condition` every 2 ms until it holds or `timeout` passes.
    static func poll(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while true {
            if condition() { return true }
            if DispatchTime.now().uptimeNanoseconds > deadline { return false }
            usleep(2000)
        }
    }
}

/// Collects what a `Terminal` delivers, on its own serial queue.
final class EventLog: @unchecked Sendable {
    let queue = DispatchQueue(label: "test.events")
    private var events: [TerminalEvent] = []
    private var signals: [TerminalSignal] = []

    func record(_ event: TerminalEvent) {
        dispatchPrecondition(condition: .onQueue(queue))
        events.append(event)
    }

    func record(_ signal: TerminalSignal) {
        dispatchPrecondition(condition: .onQueue(queue))
        signals.append(signal)
    }

    var all: [TerminalEvent] { queue.sync { events } }
    var allSignals: [TerminalSignal] { queue.sync { signals } }
    func clear() { queue.sync { events.removeAll(); signals.removeAll() } }

    /// Waits until at least `count` events arrived; returns them.
    func wait(for count: Int, timeout: Double = 2) -> [TerminalEvent] {
        _ = PtyPair.poll(timeout: timeout) { self.all.count >= count }
        return all
    }
}

