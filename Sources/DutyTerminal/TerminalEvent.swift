/// What the terminal reports to the app. Events are delivered, in the order
/// they were read, on the queue the app gave `Terminal.start`.
public enum TerminalEvent: Equatable, Sendable {
    /// A key press (see `Key` for names a key registry can bind).
    case key(Key)
    /// A mouse event at a screen column and row (0-based, like the cell grid).
    case mouse(x: Int, y: Int, kind: MouseKind)
    /// The terminal's size changed (SIGWINCH, or noticed after a resume):
    /// the next `draw` repaints every cell, so the app should lay out for the
    /// new size and draw.
    case resize(width: Int, height: Int)
}

/// The mouse events the console uses: select a row, scroll a pane.
public enum MouseKind: String, Equatable, Sendable {
    /// Button 1 pressed (reported on press, not release, so a click feels
    /// instant: ncurses' click resolution is turned off).
    case click
    /// Wheel away from the user (button 4).
    case wheelUp
    /// Wheel towards the user (button 5).
    case wheelDown
}

/// The terminal's size in columns and rows.
public struct TerminalSize: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public var description: String { "\(width)×\(height)" }
}
