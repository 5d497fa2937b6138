import DutyCore

/// An action the operator asked for, as the reducer hands it to the session
/// (inside `ConsoleEffect.perform`): the item by its kind and id, resolved
/// from the selected row when the action started, and the choices typed.
/// `action` is the same request as the core's `OperatorAction`.
public struct ActionRequest: Equatable, Sendable {
    /// An item by kind and id: stable while rows move and stores are rebuilt.
    public struct Target: Equatable, Sendable {
        public var kind: Kind
        public var id: String
        public init(kind: Kind, id: String) { self.kind = kind; self.id = id }
    }

    public var kind: ActionKind
    /// The selected item (nil for handover and bulk actions).
    public var item: Target?
    /// The alerts of a bulk action (acknowledge all shown), by id.
    public var alerts: [String]
    /// What the operator chose in the chooser (`.none` before, or for actions without one).
    public var choice: ActionChoice

    public init(kind: ActionKind, item: Target? = nil, alerts: [String] = [], choice: ActionChoice = .none) {
        self.kind = kind; self.item = item; self.alerts = alerts; self.choice = choice
    }

    /// The core's action, or nil when the request is not one (the handover)
    /// or lacks what it needs (no item, no unit, reason or outcome chosen).
    /// A cancel without a reason goes on, for the core to refuse by name.
    public var action: OperatorAction? {
        if kind == .acknowledgeAll { return .acknowledgeAll(alerts: alerts) }
        if kind == .issueNotice, case .notice(let draft) = choice { return .issueNotice(draft) }
        guard let id = item?.id else { return nil }
        switch (kind, choice) {
        case (.dispatch, .dispatch(let unit, let type)): return .dispatch(event: id, unit: unit, type: type)
        case (.cancelEvent, .cancel(let reason)): return .cancel(event: id, reason: reason)
        case (.cancelEvent, _): return .cancel(event: id, reason: "")
        case (.closeEvent, _): return .close(event: id)
        case (.returnTask, .returnTask(let reason)): return .returnTask(task: id, reason: reason)
        case (.urge, _): return .urge(task: id)
        case (.done, .done(let outcome)): return .done(task: id, outcome: outcome)
        case (.escalate, _): return .escalate(case: id)
        case (.refer, _): return .refer(case: id)
        case (.acknowledge, _): return .acknowledge(alert: id)
        case (.snooze, _): return .snooze(alert: id)
        case (.resolve, _): return .resolve(alert: id)
        case (.closeNotice, _): return .closeNotice(notice: id)
        case (.replyNotice, .noticeText(let text, let by)): return .replyNotice(notice: id, reply: text, repliedBy: by)
        case (.withdrawNotice, .noticeText(let text, _)): return .withdrawNotice(notice: id, reason: text)
        case (.replyNotice, _), (.withdrawNotice, _): return nil
        case (.dispatch, _), (.returnTask, _), (.done, _), (.acknowledgeAll, _), (.handover, _), (.issueNotice, _): return nil
        }
    }
}

extension ActionRequest {
    /// Why the core would refuse this action on its item as it stands, before
    /// anything is chosen (`OperatorAction.refusal(in:)` looks at the item's
    /// state only, so the choice filled in here is never read).
    public func refusal(in store: Store) -> ActionRefusal? {
        var probe = self
        switch kind {
        case .dispatch: probe.choice = .dispatch(unit: "", type: .empowered)
        case .returnTask: probe.choice = .returnTask(reason: "")
        case .done: probe.choice = .done(.rectified)
        case .replyNotice, .withdrawNotice: probe.choice = .noticeText("-", by: "-")
        default: break
        }
        return probe.action?.refusal(in: store)
    }
}
