/// What the item's state alone decides about each action: the guards that
/// `OperatorActions` runs before building records, and that
/// `OperatorAction.refusal(in:)` runs at the key, before any choice is made.
/// One copy of each condition, so that the console's early refusal and the
/// journal's check under its lock cannot disagree.
extension OperatorActions {
    /// 转派: only an `open` event.
    static func dispatchRefusal(_ e: EventBody) -> ActionRefusal? {
        switch e.status {
        case .open: nil
        case .dispatched: ActionRefusal(.alreadyDispatched)
        default: ActionRefusal(.eventNotOpen, e.status.label)
        }
    }

    /// 撤销: only an `open` event (a dispatched one has a unit on it).
    static func cancelRefusal(_ e: EventBody) -> ActionRefusal? {
        e.status == .open ? nil : ActionRefusal(.cancelNotOpen, e.status.label)
    }

    /// 结案: a `dispatched` event with no task still open and one done.
    static func closeRefusal(_ store: Store, event id: String, _ e: EventBody) -> ActionRefusal? {
        guard e.status == .dispatched else { return ActionRefusal(.closeNotDispatched, e.status.label) }
        let tasks = tasks(of: id, in: store)
        let open = tasks.filter { $0.status.isOpen }.count
        if open > 0 { return ActionRefusal(.tasksNotDone, Label(String(open), String(open))) }
        return tasks.contains(where: { $0.status == .done }) ? nil : ActionRefusal(.noTaskDone)
    }

    /// 退回, 催办, 办结: only a task still open.
    static func taskRefusal(_ t: TaskBody) -> ActionRefusal? {
        t.status.isOpen ? nil : ActionRefusal(.taskNotOpen, t.status.label)
    }

    /// How long after an urge the same task cannot be urged again.
    public static let urgeInterval: Millis = 30 * TimeSpan.minute

    /// 催办: a task still owed, not urged in the last 30 minutes (by anyone:
    /// the urge snapshots are in its history).
    static func urgeRefusal(_ store: Store, task id: String, _ t: TaskBody, now: Millis) -> ActionRefusal? {
        if let refused = taskRefusal(t) { return refused }
        guard let i = store.index(.task, id: id) else { return nil }
        for s in store.history(.task, i).reversed() where s.ts > now - urgeInterval && s.ts <= now {
            if !s.note.isNone, store.text(s.note) == AlertEpisodes.urgeNote {
                return ActionRefusal(.urgedRecently, Label(LocalTime.clock(s.ts), LocalTime.clock(s.ts)))
            }
        }
        return nil
    }

    /// 上提: a case accepted, being mediated or failed, below the district
    /// tier; on success the tier it goes to.
    static func escalation(_ m: MediationBody) -> Result<MediationTier, ActionRefusal> {
        switch m.status {
        case .accepted, .mediating, .failed: break
        case .escalated: return .failure(ActionRefusal(.caseEscalated))
        case .resolved, .referred: return .failure(ActionRefusal(.caseClosed, m.status.label))
        }
        guard let next = MediationTier(rawValue: m.tier.rawValue + 1) else { return .failure(ActionRefusal(.topTier)) }
        return .success(next)
    }

    /// 转出: any case not yet resolved or referred.
    static func referRefusal(_ m: MediationBody) -> ActionRefusal? {
        m.status == .resolved || m.status == .referred ? ActionRefusal(.caseClosed, m.status.label) : nil
    }

    /// 确认: only an `open` alert.
    static func acknowledgeRefusal(_ a: AlertBody) -> ActionRefusal? {
        a.status == .open ? nil : ActionRefusal(.alertNotOpen, a.status.label)
    }

    /// 暂缓 and 解除: any alert not yet resolved.
    static func resolveRefusal(_ a: AlertBody) -> ActionRefusal? {
        a.status == .resolved ? ActionRefusal(.alertResolved) : nil
    }

    /// The guard of an item that may be missing: not found, or `check`'s answer.
    static func refusal<T>(_ item: T?, _ check: (T) -> ActionRefusal?) -> ActionRefusal? {
        guard let item else { return ActionRefusal(.notFound) }
        return check(item)
    }
}
