/// 待办: what needs the duty officer now, across the panes, most urgent
/// first. One list, so that nothing late hides in a pane not looked at:
/// - events `open` (first reported, or reopened by a returned task) longer
///   than their signing limit (the rule table's, by priority);
/// - tasks overdue (`HeaderFigure.overdue`'s list) and returned tasks
///   awaiting re-dispatch (`ReturnedTasks`);
/// - unacknowledged (`open`) critical and warning alerts.
/// Urgency: priority first (an event's own; a task takes its event's, 2 when
/// the event is unknown; a critical alert 1, a warning 2), then how far past
/// its limit, longest first.
public enum NeedsAction {
    public struct Entry: Equatable, Sendable {
        public var ref: ItemRef
        /// 1 (most urgent) … 4.
        public var priority: UInt8
        /// How long past its limit at `now` (signing limit, due, return,
        /// alert raised), in milliseconds; ≥ 0.
        public var late: Millis
        public var why: Reason
    }

    public enum Reason: String, Sendable {
        case unsigned = "late_event", overdue = "overdue_task", returned = "returned_task", alert = "open_alert"
    }

    public static func entries(_ store: Store, now: Millis,
                               signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> [Entry] {
        var out = lateEvents(store, now: now, signingLimits: signingLimits).map {
            Entry(ref: ItemRef(.event, $0.item), priority: $0.priority, late: $0.late, why: .unsigned)
        }
        for ref in HeaderFigure.overdue.items(store, now: now) {
            let t = store.current(.task, ref.item)
            out.append(Entry(ref: ref, priority: eventPriority(store, t), late: now - t.task.due, why: .overdue))
        }
        for item in ReturnedTasks.awaiting(store) {
            let t = store.current(.task, item)
            out.append(Entry(ref: ItemRef(.task, item), priority: eventPriority(store, t), late: max(0, now - t.ts), why: .returned))
        }
        for ref in HeaderFigure.unacked.items(store, now: now) {
            let a = store.current(.alert, ref.item)
            let level = AlertLevel(rawValue: a.code) ?? .info
            guard level != .info else { continue }
            out.append(Entry(ref: ref, priority: level == .critical ? 1 : 2,
                             late: max(0, now - store.firstTs(.alert, ref.item)), why: .alert))
        }
        out.sort { a, b in
            if a.priority != b.priority { return a.priority < b.priority }
            if a.late != b.late { return a.late > b.late }
            return (a.ref.kind.rawValue, a.ref.item) < (b.ref.kind.rawValue, b.ref.item)
        }
        return out
    }

    /// Events `open` longer than their signing limit (by priority), counted
    /// from when the current stretch of `open` began — the first report, or
    /// the reopening by a returned task — as the late-signing rule counts:
    /// one definition for 待办 and the handover.
    public static func lateEvents(_ store: Store, now: Millis, signingLimits: [Millis])
        -> [(item: Int32, priority: UInt8, late: Millis)] {
        var out: [(item: Int32, priority: UInt8, late: Millis)] = []
        for i in 0..<Int32(store.count(.event)) {
            let current = store.current(.event, i)
            guard current.eventStatus == .open, current.ts <= now else { continue }
            let p = max(1, min(Int(current.priority), signingLimits.count))
            let late = now - (openSince(store, i) + signingLimits[p - 1])
            if late > 0 { out.append((i, UInt8(p), late)) }
        }
        return out
    }

    /// When the event's current stretch of `open` began: its first report,
    /// or the snapshot that reopened it (a returned task).
    static func openSince(_ store: Store, _ item: Int32) -> Millis {
        let history = store.history(.event, item)
        var since = history.last?.ts ?? store.firstTs(.event, item)
        for s in history.reversed() {
            guard s.eventStatus == .open else { break }
            since = s.ts
        }
        return since
    }

    private static func eventPriority(_ store: Store, _ task: CompactSnapshot) -> UInt8 {
        guard let e = store.index(.event, id: store.text(task.task.event)) else { return 2 }
        return max(1, min(4, store.current(.event, e).priority))
    }
}
