/// A request to end the program, from the terminal or the system. The app
/// decides what to do (flush its journal, `stop()` the terminal, exit); until
/// it does, the screen keeps running.
public enum TerminalSignal: String, Equatable, Sendable, CaseIterable {
    /// SIGINT: Ctrl-C (the terminal turns it into a signal, not a key).
    case interrupt
    /// SIGTERM: `kill`, a service manager, a shutdown.
    case terminate
    /// SIGHUP: the terminal went away (ssh dropped, window closed); also
    /// reported when the terminal's input hangs up without a SIGHUP.
    case hangup

    /// The POSIX signal number.
    public var number: Int32 {
        switch self {
        case .interrupt: 2
        case .terminate: 15
        case .hangup: 1
        }
    }

    /// The conventional exit status of a process ended by this signal (128 + n).
    public var exitStatus: Int32 { 128 + number }
}
