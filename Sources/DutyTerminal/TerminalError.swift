/// Why the console could not start. Each case reads as a complete message, so
/// the app can print `dutydesk: \(error)` on stderr and exit 2 — never writing
/// escape codes into a pipe or a file.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output (normally stdout) is not a terminal: a pipe, a file, /dev/null.
    case outputNotATerminal(fd: Int32)
    /// TERM is unset or empty.
    case noTerminalType
    /// terminfo does not know TERM, or it names a terminal that cannot move
    /// the cursor (e.g. `dumb`), so a full-screen display is impossible.
    case cannotPositionCursor(term: String)
    /// ncurses refused to set the terminal up (newterm failed).
    case setupFailed(term: String)
    /// Another `Terminal` is already running: ncurses' state is process-wide,
    /// so there is one screen at a time.
    case alreadyActive

    public var description: String {
        switch self {
        case .outputNotATerminal(let fd):
            let name = fd == 1 ? "stdout" : "output (fd \(fd))"
            return "\(name) is not a terminal; the live console needs one (use `check` or `stats` for non-interactive output)"
        case .noTerminalType:
            return "TERM is not set; cannot tell how to drive this terminal"
        case .cannotPositionCursor(let term):
            return "terminal type '\(term)' cannot position the cursor (unknown to terminfo or too limited); try TERM=xterm-256color"
        case .setupFailed(let term):
            return "could not set up terminal type '\(term)' (ncurses newterm failed)"
        case .alreadyActive:
            return "the terminal is already in use by another screen"
        }
    }
}
