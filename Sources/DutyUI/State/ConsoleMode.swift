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
    /// Drafting a document in the issue dialog (`ConsoleState.noticeForm`).
    case composing
    /// The situation board (`o`): the towns, trends and rates (`BoardView`).
    case board
}

/// The item a detail view shows.
public struct DetailTarget: Equatable, Sendable {
    public var pane: Pane
    public var item: Int32
    /// Where the view was when another item was entered from it (the linked
    /// row selected, the timeline's scroll): kept on the back stack only.
    public var link = 0
    public var scroll = 0
    public init(pane: Pane, item: Int32) { self.pane = pane; self.item = item }

    /// An item of any kind, shown whether or not its pane lists it now (a
    /// done task entered from its event).
    public init(kind: Kind, item: Int32) { self.init(pane: Pane(kind: kind), item: item) }

    /// The kind of the item: each pane lists one kind.
    public var kind: Kind { Pane.kind(of: pane) }
}

extension Pane {
    /// The pane that lists a kind of item.
    public init(kind: Kind) {
        switch kind {
        case .event: self = .events
        case .task: self = .tasks
        case .mediation: self = .mediation
        case .alert: self = .alerts
        case .notice: self = .documents
        }
    }

    /// The kind of item a pane lists.
    public static func kind(of pane: Pane) -> Kind {
        switch pane {
        case .events: .event
        case .tasks: .task
        case .mediation: .mediation
        case .alerts: .alert
        case .documents: .notice
        }
    }
}
