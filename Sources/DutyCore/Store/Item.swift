import DequeModule

/// One item (an event, a task, a case, an alert) and its timeline, in
/// readable form: made on demand for what a pane or a test looks at.
public struct Item: Sendable {
    public let id: String
    /// Every snapshot held, strictly increasing in ts to the microsecond (one
    /// per instant: a second one with the same ts is a duplicate or a
    /// conflict and is not stored).
    public let history: [Snapshot]
    /// The item's state now: its snapshot with the latest ts.
    public var current: Snapshot { history[history.count - 1] }
    /// When the item was first reported.
    public var firstTs: Millis { history[0].ts }
}
