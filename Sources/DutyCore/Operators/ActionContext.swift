/// Who acts, when, and under which time limits: everything an operator action
/// needs besides the store. Passed in rather than read from the store's clock
/// so that an action is a pure function and a test can fix "now".
public struct ActionContext: Sendable, Equatable {
    /// Written as `by` on every record the action produces.
    public var `operator`: String
    /// Written as `ts` on every record (the store's clock, normally `store.now`).
    public var now: Millis
    public var limits: TaskTimeLimits

    public init(operator: String, now: Millis, limits: TaskTimeLimits = .standard) {
        self.operator = `operator`; self.now = now; self.limits = limits
    }
}

/// The records an action writes, or why it wrote none.
public typealias ActionResult = Result<[Record], ActionRefusal>
