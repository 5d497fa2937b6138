/// One operator action as the core understands it: the item by its id and
/// every choice typed (a unit and a `TaskType`, a reason, a `TaskOutcome`),
/// independent of which pane, row or key asked for it. `ActionDesk` commits
/// it through the ledger; `records(in:_:numbers:)` decides what it writes.
public enum OperatorAction: Equatable, Sendable {
    case dispatch(event: String, unit: String, type: TaskType)
    case cancel(event: String, reason: String)
    case close(event: String)
    case returnTask(task: String, reason: String)
    case urge(task: String)
    case done(task: String, outcome: TaskOutcome)
    case escalate(case: String)
    case refer(case: String)
    case acknowledge(alert: String)
    /// Every open alert among those shown.
    case acknowledgeAll(alerts: [String])
    case snooze(alert: String)
    case resolve(alert: String)
    /// 印发 a document (两单一报), numbered under the journal's lock.
    case issueNotice(OperatorActions.NoticeDraft)
    case replyNotice(notice: String, reply: String, repliedBy: String)
    case closeNotice(notice: String)
    case withdrawNotice(notice: String, reason: String)

    /// The records the action writes from the store as it is, or why it
    /// writes none (`OperatorActions`). A dispatch's new task takes its id
    /// from `taskID(now)`: a preview before the journal's lock, the id
    /// allocated under it.
    public func records(in store: Store, _ ctx: ActionContext, taskID: @escaping (Millis) -> String) -> ActionResult {
        records(in: store, ctx, numbers: ActionNumbers(task: taskID, notice: { NoticeNumbering.next($0, now: $1, in: store) }))
    }

    /// The records, with a new task's id and a new document's number from
    /// `numbers`: a preview before the ledger's lock, allocated under it.
    public func records(in store: Store, _ ctx: ActionContext, numbers: ActionNumbers) -> ActionResult {
        switch self {
        case .dispatch(let event, let unit, let type):
            OperatorActions.dispatch(store, event: event, unit: unit, type: type, ctx, taskID: numbers.taskID(ctx.now))
        case .cancel(let event, let reason):
            OperatorActions.cancel(store, event: event, reason: reason, ctx)
        case .close(let event):
            OperatorActions.close(store, event: event, ctx)
        case .returnTask(let task, let reason):
            OperatorActions.returnTask(store, task: task, reason: reason, ctx)
        case .urge(let task):
            OperatorActions.urge(store, task: task, ctx)
        case .done(let task, let outcome):
            OperatorActions.done(store, task: task, outcome: outcome, ctx)
        case .escalate(let id):
            OperatorActions.escalate(store, case: id, ctx)
        case .refer(let id):
            OperatorActions.refer(store, case: id, ctx)
        case .acknowledge(let alert):
            OperatorActions.acknowledge(store, alert: alert, ctx)
        case .acknowledgeAll(let alerts):
            OperatorActions.acknowledgeAll(store, alerts: alerts, ctx)
        case .snooze(let alert):
            OperatorActions.snooze(store, alert: alert, ctx).map(\.records)
        case .resolve(let alert):
            OperatorActions.resolve(store, alert: alert, ctx)
        case .issueNotice(let draft):
            OperatorActions.issueNotice(store, draft, ctx, number: numbers.notice(draft.type, now: ctx.now))
        case .replyNotice(let notice, let reply, let repliedBy):
            OperatorActions.replyNotice(store, notice: notice, reply: reply, repliedBy: repliedBy, ctx)
        case .closeNotice(let notice):
            OperatorActions.closeNotice(store, notice: notice, ctx)
        case .withdrawNotice(let notice, let reason):
            OperatorActions.withdrawNotice(store, notice: notice, reason: reason, ctx)
        }
    }
}
