extension OperatorAction {
    /// Why the action cannot apply to its item as the store holds it now, or
    /// nil when it can: the same guards `records(in:_:numbers:)` runs first
    /// (`OperatorActions+Guards.swift`), without building any record. Only
    /// the item's state is looked at, never the choices the action carries
    /// (unit, reason, outcome): the console asks before they are made, to
    /// refuse at the key rather than after a picker or a y/n. Passing is no
    /// promise: the journal checks again under its lock.
    public func refusal(in store: Store) -> ActionRefusal? {
        typealias Ops = OperatorActions
        switch self {
        case .dispatch(let event, _, _):
            return Ops.refusal(Ops.event(store, event), Ops.dispatchRefusal)
        case .cancel(let event, _):
            return Ops.refusal(Ops.event(store, event), Ops.cancelRefusal)
        case .close(let event):
            return Ops.refusal(Ops.event(store, event)) { Ops.closeRefusal(store, event: event, $0) }
        case .returnTask(let task, _), .done(let task, _):
            return Ops.refusal(Ops.task(store, task), Ops.taskRefusal)
        case .urge(let task):
            return Ops.refusal(Ops.task(store, task)) { Ops.urgeRefusal(store, task: task, $0, now: store.now) }
        case .escalate(let id):
            return Ops.refusal(Ops.mediation(store, id)) {
                if case .failure(let refused) = Ops.escalation($0) { return refused }
                return nil
            }
        case .refer(let id):
            return Ops.refusal(Ops.mediation(store, id), Ops.referRefusal)
        case .acknowledge(let alert):
            return Ops.refusal(Ops.alert(store, alert), Ops.acknowledgeRefusal)
        case .acknowledgeAll(let alerts):
            let anyOpen = alerts.contains { Ops.refusal(Ops.alert(store, $0), Ops.acknowledgeRefusal) == nil }
            return anyOpen ? nil : ActionRefusal(.noOpenAlerts)
        case .snooze(let alert), .resolve(let alert):
            return Ops.refusal(Ops.alert(store, alert), Ops.resolveRefusal)
        case .issueNotice(let draft):
            return Ops.draftRefusal(draft)
        case .replyNotice(let notice, _, _):
            return Ops.refusal(Ops.notice(store, notice), Ops.replyRefusal)
        case .closeNotice(let notice), .withdrawNotice(let notice, _):
            return Ops.refusal(Ops.notice(store, notice), Ops.finishRefusal)
        }
    }
}
