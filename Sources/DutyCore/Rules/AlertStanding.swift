/// Where one unresolved alert stands at a time t, read from its snapshots
/// with ts ≤ t only: what `dutydesk alerts` prints and what every console
/// shows. Feed alerts and the console's rule alerts alike.
///
/// - `open`: not acknowledged — what the header's 未确认告警 counts;
/// - `acked`: acknowledged (已确认);
/// - `snoozed`: its latest snapshot is an operator's snooze (`acked` with the
///   note "snoozed until HH:MM", `OperatorActions.snooze`) whose end is still
///   ahead; at the end it is `open` again, whether or not a console has yet
///   journaled the reopening.
public struct AlertStanding: Equatable, Sendable {
    public enum Status: String, Sendable { case open, acked, snoozed }

    public var id: String
    public var type: String
    public var level: AlertLevel
    public var status: Status
    public var ref: String?
    /// When it was first raised (its first snapshot).
    public var since: Millis
    /// A snooze's end.
    public var until: Millis?
    public var title: String

    /// The alert's latest snapshot with ts ≤ t, or nil when it has none yet.
    public static func asOf(_ store: Store, alert i: Int32, at t: Millis) -> CompactSnapshot? {
        let current = store.current(.alert, i)
        if current.ts <= t { return current }
        return store.history(.alert, i).last { $0.ts <= t }
    }

    /// The end of the snooze a compact snapshot records, if it is one.
    public static func snoozeEnd(_ s: CompactSnapshot, _ store: Store) -> Millis? {
        guard s.kind == .alert, s.alertStatus == .acked, !s.note.isNone else { return nil }
        let note = store.text(s.note)
        guard note.hasPrefix(OperatorActions.snoozePrefix) else { return nil }
        return OperatorActions.snoozeEnd(of: Snapshot(ts: s.ts, note: note, body: .alert(AlertBody(
            level: s.level, type: "", title: "", status: .acked))))
    }

    /// `暂缓至 HH:MM` / `snoozed until HH:MM`.
    public static func snoozedLabel(until end: Millis) -> Label {
        let l = Labels.of("alert.status", "snoozed")
        let hm = LocalTime.clock(end)
        return Label(l.zh.replacingAll("{s}", with: hm), l.en.replacingAll("{s}", with: hm))
    }

    /// The status an alert row shows: its status, or the snooze and its end
    /// while the snooze lasts (not 已确认).
    public static func statusLabel(_ s: CompactSnapshot, _ store: Store, now: Millis) -> Label {
        if let end = snoozeEnd(s, store), end > now { return snoozedLabel(until: end) }
        return s.alertStatus.label
    }

    /// The standing of one alert at t, or nil when it is resolved or not yet raised.
    public static func of(_ store: Store, alert i: Int32, at t: Millis) -> AlertStanding? {
        guard let s = asOf(store, alert: i, at: t), s.alertStatus != .resolved else { return nil }
        var status: Status = s.alertStatus == .open ? .open : .acked
        var until: Millis?
        if let end = snoozeEnd(s, store) {
            if end > t { status = .snoozed; until = end } else { status = .open }
        }
        let a = s.alert
        return AlertStanding(id: store.id(.alert, i), type: store.text(a.type), level: s.level, status: status,
                             ref: a.ref.isNone ? nil : store.text(a.ref), since: store.firstTs(.alert, i),
                             until: until, title: store.text(a.title))
    }

    /// Every unresolved alert at t, critical first, then by `since`, then id.
    public static func unresolved(_ store: Store, at t: Millis) -> [AlertStanding] {
        var out: [AlertStanding] = []
        for i in 0..<store.count(.alert) {
            if let a = of(store, alert: Int32(i), at: t) { out.append(a) }
        }
        return out.sorted { ($1.level.rawValue, $0.since, $0.id) < ($0.level.rawValue, $1.since, $1.id) }
    }

    /// The alerts at t of a store that holds the feeds and the journal: the
    /// console's own rules evaluated once at t (their records applied to the
    /// store), then every unresolved alert as of t.
    public static func evaluate(_ store: Store, at t: Millis, config: AlertRuleConfig = .default) -> [AlertStanding] {
        var engine = AlertRuleEngine(config: config)
        for r in engine.evaluate(store: store, now: t) { store.apply(r) }
        return unresolved(store, at: t)
    }
}

extension AlertStanding {
    /// One line of `dutydesk alerts --json`: `id`, `type`, `level`, `status`,
    /// `ref` (null when none), `since` and `until` (RFC 3339 +08:00, `until`
    /// null unless snoozed).
    public var json: String {
        var w = JSONObjectWriter()
        w.string("id", id)
        w.string("type", type)
        w.string("level", level.wire)
        w.string("status", status.rawValue)
        w.string("ref", ref)
        w.string("since", Timestamp.format(since))
        w.string("until", until.map { Timestamp.format($0) })
        return w.finish()
    }

    /// The status in words: 未确认, 已确认, 暂缓至 HH:MM (or English).
    public var statusLabel: Label {
        switch status {
        case .open: AlertStatus.open.label
        case .acked: AlertStatus.acked.label
        case .snoozed: Self.snoozedLabel(until: until ?? since)
        }
    }
}
