import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// What the terminal can do, asked of terminfo before the screen starts, so
/// that dutydesk refuses clearly instead of writing escape codes into a pipe.
public enum TerminalCapabilities {
    /// True when stdout is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// True when `TERM` names a terminal that can position the cursor.
    public static func canPositionCursor(term: String?) -> Bool {
        guard let term, !term.isEmpty else { return false }
        var err: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &err) == OK else { return false }
        return tigetstr("cup").map { Int(bitPattern: $0) > 0 } ?? false
    }
}
