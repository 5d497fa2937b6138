import DutyCore

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
