/// Mediation and alert actions: the same contract as the event and task
/// actions in `OperatorActions.swift` (full snapshots by the operator at
/// now, or a refusal naming the state).
extension OperatorActions {
    // MARK: - Mediation

    /// 上提 to the next tier (village → town → district). Written as two
    /// snapshots, the way the feeds record it: `escalated` at the old tier at
    /// now (which the aggregates count as that tier's escalation of the day)
    /// and `accepted` at the new tier 1 ms later (so the two never share a
    /// ts, which would be a conflict). Applies to a case being mediated or
    /// one whose mediation failed; a district case cannot go higher.
    public static func escalate(_ store: Store, case id: String, _ ctx: ActionContext) -> ActionResult {
        guard var m = mediation(store, id) else { return .failure(ActionRefusal(.notFound)) }
        let next: MediationTier
        switch escalation(m) {
        case .success(let tier): next = tier
        case .failure(let refused): return .failure(refused)
        }
        m.status = .escalated
        let up = record(id, .mediation(m), ctx, note: "上提至" + next.label.zh)
        m.tier = next
        m.status = .accepted
        return .success([up, record(id, .mediation(m), ctx, ts: ctx.now + 1)])
    }

    /// 转诉讼/仲裁/信访: `referred`, with where to (`to`) as the note. Any
    /// case not yet resolved or referred.
    public static func refer(_ store: Store, case id: String, to: String? = nil, _ ctx: ActionContext) -> ActionResult {
        guard var m = mediation(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = referRefusal(m) { return .failure(refused) }
        m.status = .referred
        return .success([record(id, .mediation(m), ctx, note: to)])
    }

    // MARK: - Alerts

    /// Confirms an `open` alert: `acked`.
    public static func acknowledge(_ store: Store, alert id: String, _ ctx: ActionContext) -> ActionResult {
        guard var a = alert(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = acknowledgeRefusal(a) { return .failure(refused) }
        a.status = .acked
        return .success([record(id, .alert(a), ctx)])
    }

    /// Acknowledges every `open` alert among `ids` (the rows shown), skipping
    /// the others; refused only when none of them is open.
    public static func acknowledgeAll(_ store: Store, alerts ids: [String], _ ctx: ActionContext) -> ActionResult {
        let out = ids.compactMap { try? acknowledge(store, alert: $0, ctx).get() }.flatMap { $0 }
        return out.isEmpty ? .failure(ActionRefusal(.noOpenAlerts)) : .success(out)
    }

    /// A snooze: the `acked` snapshot to write now, and when to reopen it.
    public struct Snoozed: Sendable, Equatable {
        public var records: [Record]
        public var reopenAt: Millis
    }

    public static let snoozePrefix = "snoozed until "
    /// The note of the snapshot that reopens a snoozed alert.
    public static let snoozeEndedNote = "snooze ended"

    /// 暂缓: `acked` with note "snoozed until HH:MM" (local time); the caller
    /// writes `reopenSnoozed(alert:at: reopenAt)` when the time comes. After
    /// a restart, `snoozeEnd(of:)` reads the time back from the note.
    public static func snooze(_ store: Store, alert id: String, minutes: Int = 30,
                              _ ctx: ActionContext) -> Result<Snoozed, ActionRefusal> {
        guard var a = alert(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = resolveRefusal(a) { return .failure(refused) }
        let until = ctx.now + Millis(minutes) * TimeSpan.minute
        a.status = .acked
        let note = snoozePrefix + LocalTime.clock(until)
        return .success(Snoozed(records: [record(id, .alert(a), ctx, note: note)], reopenAt: until))
    }

    /// The end of the snooze a snapshot records: the first local HH:MM of its
    /// note after its ts (to the minute, so at most a minute early); nil when
    /// the snapshot is not a snoozed alert.
    public static func snoozeEnd(of s: Snapshot) -> Millis? {
        guard case .alert(let a) = s.body, a.status == .acked, let note = s.note, note.hasPrefix(snoozePrefix) else {
            return nil
        }
        let hm = note.dropFirst(snoozePrefix.count).split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m) else {
            return nil
        }
        var t = LocalTime.at(hour: h, minute: m, onDayOf: s.ts)
        if t <= s.ts { t += TimeSpan.day }
        return t
    }

    /// The snooze's end: the alert `open` again at `at` (by the operator who
    /// snoozed, through `ctx`). Only while it is still snoozed: an alert
    /// resolved or acknowledged for good since is left alone.
    public static func reopenSnoozed(_ store: Store, alert id: String, at: Millis, _ ctx: ActionContext) -> ActionResult {
        guard let i = store.index(.alert, id: id) else { return .failure(ActionRefusal(.notFound)) }
        let s = store.current(.alert, i).snapshot(store.texts)
        guard snoozeEnd(of: s) != nil, case .alert(var a) = s.body else { return .failure(ActionRefusal(.notSnoozed)) }
        a.status = .open
        return .success([record(id, .alert(a), ctx, note: snoozeEndedNote, ts: at)])
    }

    /// 解除: `resolved`, from `open` or `acked`.
    public static func resolve(_ store: Store, alert id: String, _ ctx: ActionContext) -> ActionResult {
        guard var a = alert(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = resolveRefusal(a) { return .failure(refused) }
        a.status = .resolved
        return .success([record(id, .alert(a), ctx)])
    }

    static func mediation(_ store: Store, _ id: String) -> MediationBody? {
        guard let i = store.index(.mediation, id: id),
              case .mediation(let m) = store.current(.mediation, i).snapshot(store.texts).body else { return nil }
        return m
    }

    static func alert(_ store: Store, _ id: String) -> AlertBody? {
        guard let i = store.index(.alert, id: id),
              case .alert(let a) = store.current(.alert, i).snapshot(store.texts).body else { return nil }
        return a
    }
}
