import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal can do, asked of terminfo before the screen starts, so
/// that dutydesk refuses clearly instead of writing escape codes into a pipe.
///
/// The probes leave ncurses' global terminal (`cur_term`) as they found it,
/// so they may be called before, or while, a `Terminal` runs — from the
/// terminal's queue in the latter case, as for every ncurses call.
public enum TerminalCapabilities {
    /// True when stdout is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// True when `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    /// True when `TERM` names a terminal that can position the cursor.
    public static func canPositionCursor(term: String?) -> Bool {
        canPositionCursor(term: term, fd: STDOUT_FILENO)
    }

    /// True when terminfo knows `term` and it has cursor addressing (`cup`);
    /// `fd` is the terminal it would drive (only used for its size).
    public static func canPositionCursor(term: String?, fd: Int32) -> Bool {
        guard let term, !term.isEmpty else { return false }
        return dd_term_can_position_cursor(term, fd) != 0
    }

    /// The terminal type from the environment (`TERM`), nil when unset or empty.
    public static var environmentTerm: String? {
        guard let p = getenv("TERM") else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : s
    }

    /// True when the user asked for no colour: `NO_COLOR` is set to anything
    /// but the empty string (https://no-color.org).
    public static var noColorRequested: Bool {
        guard let p = getenv("NO_COLOR") else { return false }
        return p.pointee != 0
    }

    /// Checks everything `Terminal.start` needs before touching the screen.
    public static func check(output fd: Int32, term: String?) throws(TerminalError) -> String {
        guard isTerminal(fd) else { throw .outputNotATerminal(fd: fd) }
        guard let term, !term.isEmpty else { throw .noTerminalType }
        guard canPositionCursor(term: term, fd: fd) else { throw .cannotPositionCursor(term: term) }
        return term
    }
}
