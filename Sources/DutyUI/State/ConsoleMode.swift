import DutyCore

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
    /// Choosing from a list (unit to dispatch to, reason, outcome).
    case choosing
    /// Answering y/n before a destructive or bulk action.
    case confirming
    /// Reading a document the console wrote (the shift handover).
    case document
    /// A list across panes: a header figure's items, or the needs-action queue.
    case list(ItemList)
    /// Typing a line the console asked for (`ConsoleState.textPrompt`: who
    /// takes over, the handover's note).
    case textInput
}

/// The item a detail view shows.
public struct DetailTarget: Equatable, Sendable {
    public var pane: Pane
    public var item: Int32
    public init(pane: Pane, item: Int32) { self.pane = pane; self.item = item }
}
