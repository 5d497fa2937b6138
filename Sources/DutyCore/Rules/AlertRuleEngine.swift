import DequeModule
import HeapModule

/// The console's own alert rules (issue #4), evaluated on the store's clock.
///
/// `evaluate` returns the alert records to write so that the store's rule
/// alerts match the rules at `now`: a new `open` alert for each rule firing
/// on an item with no alert of that id yet, and a `resolved` snapshot when
/// its cause has cleared. Each record's ts is the instant the rule started
/// (or stopped) holding — dispatch + limit, the event's signing snapshot —
/// never `now`, so replaying a feed at any speed, evaluating at any sequence
/// of `now`s, writes the same records. Only snapshots with ts ≤ `now` count.
///
/// Cheap by construction: items are taken in once, when they first appear
/// (the store numbers items of a kind in arrival order, so "new since last
/// time" is a range); each future moment a rule could fire is a heap entry;
/// only alerts still open are re-checked. A call costs what changed, not
/// what the store holds. Not thread-safe: it runs on the console's queue.
public struct AlertRuleEngine {
    public let config: AlertRuleConfig

    /// A moment an item's rule may fire: checked when `now` reaches it.
    struct Check: Comparable {
        var at: Millis
        var rule: AlertRule
        var item: Int32
        static func < (a: Check, b: Check) -> Bool {
            (a.at, a.item, a.rule.order) < (b.at, b.item, b.rule.order)
        }
    }

    /// An open alert on one item, re-checked on each call until its cause clears.
    struct Watch { var pending: Pending; var kind: Kind; var item: Int32; var fired: Millis }

    var seenEvents = 0, seenTasks = 0, seenMediation = 0
    var checks = Heap<Check>()
    var watched: [String: Watch] = [:]
    /// Alerts this engine wrote or found, by id: nothing is written twice.
    var known: [String: AlertStatus] = [:]
    var clusters: [ClusterKey: ClusterState] = [:]
    var drift: WindowSweep
    var driftActive: Pending?
    var openCases = Set<Int32>()
    var lastResolvedTotal = -1
    var quietActive: Pending?, quietSince: Millis?
    var errorsActive: Pending?
    var quarantineSamples = Deque<(at: Millis, total: Int)>()
    /// Records of the current call.
    private var out: [Record] = []

    public init(config: AlertRuleConfig = .default) {
        self.config = config
        drift = WindowSweep(window: config.driftWindow)
    }

    /// The alert records that bring the store's rule alerts up to `now`.
    /// Apply them (or write them to the journal and ingest them); calling
    /// again at the same `now` returns nothing either way.
    public mutating func evaluate(store: Store, now: Millis, feed: FeedSignals? = nil) -> [Record] {
        out = []
        takeNewItems(store)
        while let c = checks.min, c.at <= now {
            checks.removeMin()
            check(c, store, now: now)
        }
        for (id, w) in watched {
            if let clear = clearTime(w, store, now: now) {
                settle(store, w.pending, at: clear.at, note: clear.note)
                watched[id] = nil
            }
        }
        sweepClusters(store, now: now)
        noteMediation(store)
        sweepDrift(store, now: now)
        if let feed { checkFeed(store, now: now, feed: feed) }
        let records = out
        out = []
        return records.sorted { ($0.snapshot.ts, $0.id, $0.snapshot.statusOrdinal) < ($1.snapshot.ts, $1.id, $1.snapshot.statusOrdinal) }
    }

    // MARK: - Items

    private mutating func takeNewItems(_ store: Store) {
        let events = store.count(.event)
        for i in seenEvents..<events {
            let item = Int32(i)
            checks.insert(Check(at: signingDeadline(store, item), rule: .lateSigning, item: item))
            noteClusterEvent(store, item)
        }
        seenEvents = events
        let tasks = store.count(.task)
        for i in seenTasks..<tasks {
            let item = Int32(i)
            let first: AlertRule = prewarnEnabled(store, item) ? .prewarning : .overdue
            checks.insert(Check(at: stageTime(first, store, item), rule: first, item: item))
        }
        seenTasks = tasks
    }

    private func signingDeadline(_ store: Store, _ item: Int32) -> Millis {
        store.firstTs(.event, item) + config.signingLimit(priority: store.current(.event, item).priority)
    }

    private func prewarnEnabled(_ store: Store, _ item: Int32) -> Bool {
        config.prewarnFraction > 0 && config.prewarnFraction < 1 && store.current(.task, item).due > store.firstTs(.task, item)
    }

    /// When a stage of the escalation ladder falls due for a task.
    private func stageTime(_ rule: AlertRule, _ store: Store, _ item: Int32) -> Millis {
        let due = store.current(.task, item).due
        switch rule {
        case .prewarning:
            let dispatched = store.firstTs(.task, item)
            return dispatched + Millis((Double(due - dispatched) * config.prewarnFraction).rounded(.down))
        case .overdue: return due
        case .supervision: return due + config.supervisionAfterDue
        default: return due + config.bulletinAfterDue
        }
    }

    private static func nextStage(_ rule: AlertRule) -> AlertRule? {
        switch rule {
        case .prewarning: .overdue
        case .overdue: .supervision
        case .supervision: .bulletin
        default: nil
        }
    }

    private mutating func check(_ c: Check, _ store: Store, now: Millis) {
        let kind: Kind = c.rule == .lateSigning ? .event : .task
        // Recomputed: a changed priority or due moves the moment.
        let at = kind == .event ? signingDeadline(store, c.item) : stageTime(c.rule, store, c.item)
        if at > now { checks.insert(Check(at: at, rule: c.rule, item: c.item)); return }
        if let closed = closeTime(kind, c.item, store, now: now), closed <= at { return }
        let itemID = store.id(kind, c.item)
        let state = Self.state(kind, c.item, store, at: at)
        let title: String
        if kind == .event {
            title = "\(itemID) 签收超时（P\(state.priority) 限时\(AlertRule.span(at - store.firstTs(.event, c.item)))）"
        } else {
            let unit = store.text(state.task.unit)
            switch c.rule {
            case .prewarning: title = "\(itemID) 临期预警：已用时\(Int(config.prewarnFraction * 100))%（\(unit)）"
            case .overdue: title = "\(itemID) 超期催办：已到办理时限（\(unit)）"
            case .supervision: title = "\(itemID) 执法督办单：超期\(AlertRule.span(config.supervisionAfterDue))未办结（\(unit)）"
            default: title = "\(itemID) 通报：超期\(AlertRule.span(config.bulletinAfterDue))未办结（\(unit)）"
            }
            if let next = Self.nextStage(c.rule) {
                checks.insert(Check(at: stageTime(next, store, c.item), rule: next, item: c.item))
            }
        }
        let id = AlertRule.id(c.rule, itemID)
        let ref = kind.wire + ":" + itemID
        if raise(store, c.rule, id: id, at: at, title: title, ref: ref) {
            watched[id] = Watch(pending: Pending(id: id, rule: c.rule, title: title, ref: ref),
                                kind: kind, item: c.item, fired: at)
        }
    }

    /// When and why an item alert's cause cleared, if it has by `now`: the
    /// event left `open`, the task was done or returned, or the next stage
    /// of the ladder took over (one alert per task at a time).
    private func clearTime(_ w: Watch, _ store: Store, now: Millis) -> (at: Millis, note: String)? {
        var best: (at: Millis, note: String)?
        if let closed = closeTime(w.kind, w.item, store, now: now), closed > w.fired {
            best = (closed, w.kind == .event ? "事件已签收处置" : "任务已办结或退回")
        }
        if w.kind == .task, let next = Self.nextStage(w.pending.rule) {
            let at = stageTime(next, store, w.item)
            if at <= now, at > w.fired, at < (best?.at ?? .max) {
                best = (at, "已升级为" + Labels.of("alert.type", next.type).zh)
            }
        }
        return best
    }

    /// The first snapshot (ts ≤ now) at which the item stopped being open:
    /// for an event, left `open` (signed, settled, dispatched, closed);
    /// for a task, done or returned.
    private func closeTime(_ kind: Kind, _ item: Int32, _ store: Store, now: Millis) -> Millis? {
        func isOpen(_ s: CompactSnapshot) -> Bool { kind == .event ? s.eventStatus == .open : s.taskStatus.isOpen }
        let current = store.current(kind, item)
        if current.ts <= now && isOpen(current) { return nil }
        for s in store.history(kind, item) where s.ts <= now && !isOpen(s) { return s.ts }
        return nil
    }

    /// The item's state at `t`: its latest snapshot no later than t.
    private static func state(_ kind: Kind, _ item: Int32, _ store: Store, at t: Millis) -> CompactSnapshot {
        let current = store.current(kind, item)
        if current.ts <= t { return current }
        let h = store.history(kind, item)
        return h.last { $0.ts <= t } ?? h[0]
    }

    // MARK: - Writing

    /// Opens an alert unless one of that id exists (here or in the store).
    /// Returns whether it is live (open or acked) and so to be watched.
    mutating func raise(_ store: Store, _ rule: AlertRule, id: String, at: Millis, title: String, ref: String?) -> Bool {
        if let status = known[id] { return status != .resolved }
        if let i = store.index(.alert, id: id) {
            let status = store.current(.alert, i).alertStatus
            known[id] = status
            return status != .resolved
        }
        out.append(record(id: id, rule: rule, at: at, title: title, ref: ref, status: .open, note: nil))
        known[id] = .open
        return true
    }

    /// Resolves an alert at the moment its cause cleared — or just after the
    /// store's latest snapshot of it, when an operator acted later than that,
    /// so the resolution is never filed as history behind the ack.
    mutating func settle(_ store: Store, _ p: Pending, at: Millis, note: String) {
        guard known[p.id] != .resolved else { return }
        var ts = at
        if let i = store.index(.alert, id: p.id) {
            let current = store.current(.alert, i)
            if current.alertStatus == .resolved { known[p.id] = .resolved; return }
            ts = max(ts, current.ts + 1)
        }
        out.append(record(id: p.id, rule: p.rule, at: ts, title: p.title, ref: p.ref, status: .resolved, note: note))
        known[p.id] = .resolved
    }

    private func record(id: String, rule: AlertRule, at: Millis, title: String, ref: String?,
                        status: AlertStatus, note: String?) -> Record {
        Record(id: id, snapshot: Snapshot(
            ts: at, offsetMinutes: LocalTime.offsetMinutes, by: config.author, note: note,
            body: .alert(AlertBody(level: rule.level, type: rule.type, title: title, status: status, ref: ref))))
    }
}

extension AlertRule {
    /// Heap tie-break: ladder order.
    var order: Int { AlertRule.allCases.firstIndex(of: self)! }
}
