/// What the duty officer can do to an item, as pure functions: given the
/// store and an item id, each returns the full snapshots to write (feed
/// format, `by` = operator, `ts` = now, every other field copied from the
/// item's current state) or a refusal saying why the action does not apply
/// to that state. Nothing here writes: the journal appends the records (and
/// re-checks the state under its lock), then the store ingests them.
///
/// Notes are not copied: a snapshot's `note` says what that step did, so a
/// note carried over ("snoozed until 10:30") would mislead on later steps.
/// Mediation and alert actions are in `OperatorActions+Cases.swift`.
public enum OperatorActions {
    // MARK: - Grid events

    /// 转派: a new task for `unit` (id `ZF-YYYYMMDD-NNNN`, due = now + the
    /// limit of the event's priority, town = the event's) and the event's
    /// snapshot `dispatched`. Only an `open` event can be dispatched.
    /// `taskID`: the id allocated under the journal's lock
    /// (`JournalView.nextTaskID`); without it, the store's next (a preview).
    public static func dispatch(_ store: Store, event id: String, unit: String, type: TaskType,
                                _ ctx: ActionContext, taskID: String? = nil) -> ActionResult {
        guard var e = event(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = dispatchRefusal(e) { return .failure(refused) }
        guard !unit.isEmpty else { return .failure(ActionRefusal(.noUnit)) }
        let taskID = taskID ?? TaskNumbering.next(in: store, now: ctx.now)
        let task = TaskBody(event: id, type: type, unit: unit, town: e.town,
                            due: ctx.now + ctx.limits.limit(priority: e.priority),
                            dueOffsetMinutes: LocalTime.offsetMinutes, status: .dispatched)
        e.status = .dispatched
        return .success([
            record(taskID, .task(task), ctx),
            record(id, .event(e), ctx, note: "转派 " + unit + " " + taskID),
        ])
    }

    /// 撤销 with a reason (the note). Only an `open` event: a dispatched one
    /// has a unit working on it, whose task must be returned or done first.
    public static func cancel(_ store: Store, event id: String, reason: String, _ ctx: ActionContext) -> ActionResult {
        guard var e = event(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = cancelRefusal(e) { return .failure(refused) }
        guard !reason.isEmpty else { return .failure(ActionRefusal(.noReason)) }
        e.status = .cancelled
        return .success([record(id, .event(e), ctx, note: reason)])
    }

    /// 结案: a `dispatched` event whose tasks are all finished — none still
    /// open and at least one done. Returned tasks do not block (they were
    /// handed back; the event went out again). Tasks are found by scanning
    /// every task's current state (a few dozen a day), see `tasks(of:)`.
    public static func close(_ store: Store, event id: String, _ ctx: ActionContext) -> ActionResult {
        guard var e = event(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = closeRefusal(store, event: id, e) { return .failure(refused) }
        e.status = .closed
        return .success([record(id, .event(e), ctx)])
    }

    // MARK: - Tasks

    /// 退回 with one of `District.returnReasons`: the task `returned` with
    /// its `reason`, and its event reopened (`open`) for re-dispatch — unless
    /// another task still serves the event (a joint operation goes on), or
    /// the event is no longer `dispatched`.
    public static func returnTask(_ store: Store, task id: String, reason: String, _ ctx: ActionContext) -> ActionResult {
        guard var t = task(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = taskRefusal(t) { return .failure(refused) }
        guard District.returnReasons.contains(reason) else { return .failure(ActionRefusal(.badReturnReason)) }
        t.status = .returned
        t.reason = reason
        var out = [record(id, .task(t), ctx)]
        if let eventID = t.event, var e = event(store, eventID), e.status == .dispatched,
           !tasks(of: eventID, in: store).contains(where: { $0.id != id && $0.status.isOpen }) {
            e.status = .open
            out.append(record(eventID, .event(e), ctx, note: "任务" + id + "退回：" + reason))
        }
        return .success(out)
    }

    /// 催办: a snapshot of the task (state unchanged) with the note 催办
    /// (`AlertEpisodes.urgeNote`). It moves no stage of the ladder and raises
    /// no alert: a 督办单 is a document the officer issues (the ladder only
    /// proposes it, `AlertEpisodes.proposal`). Refused on a task no longer
    /// owed, or urged in the last 30 minutes.
    public static func urge(_ store: Store, task id: String, _ ctx: ActionContext) -> ActionResult {
        guard let t = task(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = urgeRefusal(store, task: id, t, now: ctx.now) { return .failure(refused) }
        return .success([record(id, .task(t), ctx, note: AlertEpisodes.urgeNote)])
    }

    /// 办结 with an outcome.
    public static func done(_ store: Store, task id: String, outcome: TaskOutcome, _ ctx: ActionContext) -> ActionResult {
        guard var t = task(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = taskRefusal(t) { return .failure(refused) }
        t.status = .done
        t.outcome = outcome
        return .success([record(id, .task(t), ctx)])
    }

    /// `U-supervision-<task id>`: the id urges wrote their own 督办单 under
    /// before the ladder took urges as its issue. No longer written; kept so
    /// that such alerts in older journals can be recognised. A task id too
    /// long for the 64-character limit is cut and suffixed with a hash.
    public static func supervisionAlertID(task id: String) -> String {
        let full = "U-supervision-" + id
        guard full.utf8.count > 64 else { return full }
        var head = ""
        for ch in full where head.utf8.count + ch.utf8.count <= 47 { head.append(ch) }
        return head + "-" + FNV1a.hex(id)
    }

    // MARK: - Shared

    /// The current state of every task whose `event` is `eventID`, first
    /// dispatched first (`IncidentLinks`: each candidate checked against its
    /// current snapshot).
    public static func tasks(of eventID: String, in store: Store) -> [(id: String, status: TaskStatus)] {
        // Through the incident index (tasks by the event id they name), not a
        // scan of every task: the footer asks this for the selected event each frame.
        IncidentLinks.tasksServing(eventID, store).map { (store.id(.task, $0), store.current(.task, $0).taskStatus) }
    }

    /// Current states, read compactly (no history made).
    static func event(_ store: Store, _ id: String) -> EventBody? {
        guard let i = store.index(.event, id: id), case .event(let e) = store.current(.event, i).snapshot(store.texts).body
        else { return nil }
        return e
    }

    static func task(_ store: Store, _ id: String) -> TaskBody? {
        guard let i = store.index(.task, id: id), case .task(let t) = store.current(.task, i).snapshot(store.texts).body
        else { return nil }
        return t
    }

    /// An action's records moved later, all by the same amount, as far as
    /// needed for each to be newer than its item's latest snapshot held.
    /// Why: a feed whose clock runs ahead of the console's (or a report dated
    /// in the future) would otherwise make the operator's snapshot the older
    /// one: filed in the timeline, never the item's state, so the action
    /// would look done and be lost. Moving all records together keeps their
    /// order (an escalation's two snapshots stay one millisecond apart), and
    /// a task the action creates keeps its whole time limit.
    public static func afterLatest(_ records: [Record], in store: Store) -> [Record] {
        let held = records.map { store.index($0.kind, id: $0.id) }
        var shift: Millis = 0
        for (r, i) in zip(records, held) {
            if let i { shift = max(shift, store.current(r.kind, i).ts + 1 - r.snapshot.ts) }
        }
        guard shift > 0 else { return records }
        return zip(records, held).map { r, i in
            var r = r
            r.snapshot.ts += shift
            // A task this action creates keeps its time limit from its new ts.
            if i == nil, case .task(var t) = r.snapshot.body {
                t.due += shift
                r.snapshot.body = .task(t)
            }
            return r
        }
    }

    /// A full snapshot by the operator at now (+08:00), or at `ts` when given.
    static func record(_ id: String, _ body: Body, _ ctx: ActionContext, note: String? = nil, ts: Millis? = nil) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts ?? ctx.now, offsetMinutes: LocalTime.offsetMinutes,
                                          by: ctx.operator, note: note, body: body))
    }
}
