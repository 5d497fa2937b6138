import DutyCore

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
    /// An operator action on the selected item (journaled by the session).
    case action(ActionKind)
    /// In a chooser: move the choice; cycle the second option (task type).
    case choose(Int), cycleOption
    /// Confirm or cancel a chooser or a confirmation.
    case confirm, cancel
    /// After a failed journal write: try writing again (the session's).
    case retryJournal
    /// Replay controls (the session's clock): pause/resume, speed step,
    /// seek by milliseconds, back to the start.
    case replayPause, replaySpeed(Int), replaySeek(Int64), replayRestart
}

/// The operator's actions, as keys name them. What each writes is decided in
/// the core (`OperatorActions`); the console only chooses and confirms.
public enum ActionKind: String, Equatable, Sendable, CaseIterable {
    case dispatch, cancelEvent, closeEvent
    case returnTask, urge, done
    case escalate, refer
    case acknowledge, acknowledgeAll, snooze, resolve
    case handover

    /// The pane an action applies to (nil: any).
    public var pane: Pane? {
        switch self {
        case .dispatch, .cancelEvent, .closeEvent: .events
        case .returnTask, .urge, .done: .tasks
        case .escalate, .refer: .mediation
        case .acknowledge, .acknowledgeAll, .snooze, .resolve: .alerts
        case .handover: nil
        }
    }

    /// Destructive or bulk: asks "y/n" first.
    public var needsConfirmation: Bool {
        switch self {
        case .cancelEvent, .closeEvent, .returnTask, .done, .escalate, .refer, .acknowledgeAll, .resolve: true
        case .dispatch, .urge, .acknowledge, .snooze, .handover: false
        }
    }

    public var label: Label {
        switch self {
        case .cancelEvent: Labels.of("action", "cancel")
        case .closeEvent: Labels.of("action", "close")
        case .returnTask: Labels.of("action", "return")
        case .acknowledgeAll: Labels.of("action", "acknowledge_all")
        default: Labels.of("action", rawValue)
        }
    }
}

/// What the session must carry out after a command: the reducer decides,
/// the session (which owns the journal) performs.
public struct ActionRequest: Equatable, Sendable {
    public var kind: ActionKind
    public var pane: Pane
    /// The selected item (nil for handover and bulk actions).
    public var item: Int32?
    /// The items of a bulk action (acknowledge all shown).
    public var items: [Int32]
    /// The chosen option (unit, reason, outcome), if any.
    public var choice: String?
    /// The second option (task type), if any.
    public var option: String?
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
    /// Choosing from a list (unit to dispatch to, reason, outcome).
    case choosing
    /// Answering y/n before a destructive or bulk action.
    case confirming
    /// Reading a document the console wrote (the shift handover).
    case document
}

/// The item a detail view shows.
public struct DetailTarget: Equatable, Sendable {
    public var pane: Pane
    public var item: Int32
    public init(pane: Pane, item: Int32) { self.pane = pane; self.item = item }
}
