/// What the operator asked for, independent of which key or click said it.
/// The key registry maps keys to these; the console applies them to its state.
public enum Command: Equatable, Sendable {
    case focusNext, focusPrevious
    case focus(Pane)
    case moveDown, moveUp, pageDown, pageUp, top, bottom
    case open, back
    case startFilter, clearFilter
    case filterInput(String), filterBackspace, filterCommit
    case help
    case cycleTheme, toggleLanguage
    case quit
    /// A click at a screen position: select the row there.
    case click(x: Int, y: Int)
    /// Wheel scrolling by rows (positive = down).
    case scroll(Int)
}

/// Where the console is: which keys apply depends on it.
public enum ConsoleMode: Equatable, Sendable {
    /// The four panes.
    case main
    /// One item's detail and timeline.
    case detail(DetailTarget)
    /// The help screen generated from the key registry.
    case help
    /// Typing a filter for the focused pane.
    case filterInput
}

/// The item a detail view shows.
public struct DetailTarget: Equatable, Sendable {
    public var pane: Pane
    public var item: Int32
    public init(pane: Pane, item: Int32) { self.pane = pane; self.item = item }
}
