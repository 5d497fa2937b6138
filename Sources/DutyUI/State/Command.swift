import DutyCore

/// What the operator asked for, independent of which key or click said it.
/// The key registry maps keys to these; the console applies them to its state.
public enum Command: Equatable, Sendable {
    case focusNext, focusPrevious
    case focus(Pane)
    /// The alerts pane's tabs: alerts ↔ documents.
    case switchTab
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
    /// Show a list across panes (a header figure's, the needs-action queue).
    case openList(ItemList)
    /// In a text prompt (`TextPrompt`): text typed, take back a character,
    /// Enter (next question, or done), Esc (give up).
    case promptInput(String), promptBackspace, promptCommit, promptCancel
    /// In the issue dialog (`NoticeForm`): next or previous field, text
    /// typed, Enter (a line break in the body, else issue), issue from any
    /// field, Backspace, Delete, a cursor move, Esc.
    case formField(Int), formInput(String), formEnter, formIssue, formBackspace, formDelete
    case formMove(FormMove), formCancel
    /// A paste began or ended (bracketed paste): between, keys are text.
    case pasting(Bool)
    /// The situation board: show it or go back to the panes; sort by the
    /// next column; flip the order.
    case toggleBoard, boardSortNext, boardSortFlip
}

/// A cursor move in a form field.
public enum FormMove: Equatable, Sendable { case left, right, up, down, home, end }
