import DequeModule
import HeapModule

/// The console's own alert rules (issue #4), evaluated on the store's clock.
///
/// `evaluate` returns the alert records to write so that the store's rule
/// alerts match the rules at `now`: an `open` alert for each episode that
/// has started and has no alert of its id yet, and a `resolved` snapshot
/// for each episode that has ended. Each record's ts is the instant the rule
/// started (or stopped) holding, never `now`.
///
/// The item rules (late signing, the task ladder) are a pure function of the
/// records with ts ≤ now (`AlertEpisodes`): an engine that evaluated at many
/// earlier moments, a fresh one over the same records, a replay paused at
/// now and `dutydesk alerts --at` leave the same unresolved alerts (id,
/// status, since). The operator's acknowledgements, snoozes and resolves are
/// the alerts' own later snapshots (the journal); an ended episode is
/// resolved whatever they say. The window rules (clusters, 6:3:1 drift)
/// sweep exact instants of the records and agree the same way. The feed
/// rules (a quiet feed, a burst of bad lines) depend on when lines arrive,
/// not on the records: they are outside this invariant.
///
/// Cheap by construction: only items that can still raise or clear an alert
/// are tracked (events `open` or `dispatched`, tasks owed, and any item with
/// an episode pending); their histories are looked at only when the store
/// took records since the last call, and each future moment an episode
/// starts or ends is a heap entry. A call costs what changed, not what the
/// store holds. Not thread-safe: it runs on the console's queue.
///
/// Documents close the ladder's proposals (`AlertEpisodes.ladder`): a notice
/// that arrives, or grows a snapshot, naming a task makes the engine
/// reconcile that task though its own history did not change. The notices
/// are read through `NoticesByTask`, kept here and updated from the notices
/// new or grown since the last call. The engine writes alert records only:
/// never a notice.
public struct AlertRuleEngine {
    public let config: AlertRuleConfig

    /// An item of the item rules.
    struct ItemKey: Hashable { var kind: Kind; var index: Int32 }

    /// A moment an item's episodes may start or end: looked at when `now` reaches it.
    struct Check: Comparable {
        var at: Millis
        var key: ItemKey
        static func < (a: Check, b: Check) -> Bool {
            (a.at, a.key.kind.rawValue, a.key.index) < (b.at, b.key.kind.rawValue, b.key.index)
        }
    }

    /// What the engine holds of a tracked item: the history it last derived
    /// from (count and latest exact ts), and the ids of its episodes raised
    /// and not yet ended.
    struct Tracked { var seen: (count: Int, last: Int64, first: Millis); var live: Set<String> }

    var seenEvents = 0, seenTasks = 0, seenMediation = 0
    /// The documents naming tasks: what closes a proposal.
    var notices = NoticesByTask()
    /// `store.records` at the last call: when unchanged, no history is read.
    var seenRecords = -1
    var checks = Heap<Check>()
    var tracked: [ItemKey: Tracked] = [:]
    /// The moment each item is next due in `checks` (one entry per item and moment).
    var scheduled: [ItemKey: Millis] = [:]
    /// Episodes resolved lately: an acknowledgement journaled just after the
    /// cause cleared (another console had not evaluated yet) is resolved again.
    var settledLately: [(id: String, at: Millis, end: Millis, note: String)] = []
    /// Window-rule alerts this engine wrote or found, by id: nothing is written twice.
    var known: [String: AlertStatus] = [:]
    var clusters: [ClusterKey: ClusterState] = [:]
    var drift: WindowSweep
    var driftActive: Pending?
    var openCases = Set<Int32>()
    var lastResolvedTotal = -1
    var quietActive: Pending?, quietSince: Millis?
    var errorsActive: Pending?
    var quarantineSamples = Deque<(at: Millis, total: Int)>()
    /// Records of the current call, and the latest status and ts each
    /// written id has in them (they reach the store only once returned).
    private var out: [Record] = []
    private var written: [String: (status: AlertStatus, ts: Millis)] = [:]

    public init(config: AlertRuleConfig = .default) {
        self.config = config
        drift = WindowSweep(window: config.driftWindow)
    }

    /// The alert records that bring the store's rule alerts up to `now`.
    /// Apply them (or write them to the journal and ingest them); calling
    /// again at the same `now` returns nothing either way.
    public mutating func evaluate(store: Store, now: Millis, feed: FeedSignals? = nil) -> [Record] {
        out = []
        written = [:]
        if store.records != seenRecords {
            seenRecords = store.records
            let named = notices.update(store)
            takeNewItems(store, now: now)
            for (key, t) in tracked where signature(key, store) != t.seen { reconcile(key, store, now: now) }
            for id in named.sorted() {
                if let i = store.index(.task, id: id) { reconcile(ItemKey(kind: .task, index: i), store, now: now) }
            }
            resettle(store, now: now)
        }
        while let c = checks.min, c.at <= now {
            checks.removeMin()
            if scheduled[c.key] == c.at { scheduled[c.key] = nil }
            if tracked[c.key] != nil { reconcile(c.key, store, now: now) }
        }
        sweepClusters(store, now: now)
        noteMediation(store)
        sweepDrift(store, now: now)
        if let feed { checkFeed(store, now: now, feed: feed) }
        let records = out
        out = []
        written = [:]
        return records.sorted { ($0.snapshot.ts, $0.id, $0.snapshot.statusOrdinal) < ($1.snapshot.ts, $1.id, $1.snapshot.statusOrdinal) }
    }

    // MARK: - Items

    private mutating func takeNewItems(_ store: Store, now: Millis) {
        let events = store.count(.event)
        for i in seenEvents..<events {
            noteClusterEvent(store, Int32(i))
            reconcile(ItemKey(kind: .event, index: Int32(i)), store, now: now)
        }
        seenEvents = events
        let tasks = store.count(.task)
        for i in seenTasks..<tasks { reconcile(ItemKey(kind: .task, index: Int32(i)), store, now: now) }
        seenTasks = tasks
        // An item no longer tracked (settled, cancelled, done) that a feed
        // set back to open: the open counts say so; find it by its state.
        let openEvents = store.aggregates.count(.event, EventStatus.open)
        let openTasks = TaskStatus.allCases.filter(\.isOpen).reduce(0) { $0 + store.aggregates.count(.task, $1) }
        var trackedEvents = 0, trackedTasks = 0
        for key in tracked.keys {
            let s = store.current(key.kind, key.index)
            if key.kind == .event, s.eventStatus == .open { trackedEvents += 1 }
            if key.kind == .task, s.taskStatus.isOpen { trackedTasks += 1 }
        }
        if openEvents > trackedEvents { rescan(.event, store, now: now) }
        if openTasks > trackedTasks { rescan(.task, store, now: now) }
    }

    /// Looks for open items the engine let go (rare: a feed reopening a closed item).
    private mutating func rescan(_ kind: Kind, _ store: Store, now: Millis) {
        for i in 0..<store.count(kind) {
            let key = ItemKey(kind: kind, index: Int32(i))
            guard tracked[key] == nil else { continue }
            let s = store.current(kind, key.index)
            if kind == .event ? s.eventStatus == .open : s.taskStatus.isOpen { reconcile(key, store, now: now) }
        }
    }

    /// What an item's history looks like now: its length, latest exact ts
    /// and first ts (any new snapshot changes one of them).
    private func signature(_ key: ItemKey, _ store: Store) -> (count: Int, last: Int64, first: Millis) {
        (store.history(key.kind, key.index).count, store.current(key.kind, key.index).exactTs, store.firstTs(key.kind, key.index))
    }

    /// Whether an item can still raise an alert by itself changing state
    /// later: an event open or dispatched (a return reopens it), a task owed.
    private func canReopen(_ key: ItemKey, _ store: Store) -> Bool {
        let s = store.current(key.kind, key.index)
        return key.kind == .event ? (s.eventStatus == .open || s.eventStatus == .dispatched) : s.taskStatus.isOpen
    }

    /// Brings one item's rule alerts in the store to its episodes as of `now`.
    private mutating func reconcile(_ key: ItemKey, _ store: Store, now: Millis) {
        let documents = key.kind == .task ? notices[task: store.id(.task, key.index)] : [:]
        let episodes = key.kind == .event
            ? AlertEpisodes.signing(store, event: key.index, upTo: now, config: config)
            : AlertEpisodes.ladder(store, task: key.index, upTo: now, config: config, notices: documents)
        var live = Set<String>()
        var next = AlertEpisodes.nextSnapshot(key.kind, key.index, store, after: now)
        func later(_ t: Millis) { next = min(next ?? .max, t) }
        // A document dated ahead of the clock closes a proposal no earlier.
        for n in documents.values where n.at > now { later(n.at) }
        for e in episodes {
            guard e.since <= now else { later(e.since); continue }
            var held: (status: AlertStatus, ts: Millis)? = written[e.id]
            // Raised: its open record is there. Operator snapshots alone (the
            // journal read by a fresh engine) do not say since when.
            var raised = held != nil
            if held == nil, let i = store.index(.alert, id: e.id), let s = AlertStanding.asOf(store, alert: i, at: now) {
                held = (s.alertStatus, s.ts)
                raised = store.firstTs(.alert, i) <= e.since
            }
            if !raised {
                emit(record(id: e.id, rule: e.rule, at: e.since, title: e.title, ref: e.ref, status: .open, note: nil))
                if held == nil { held = (.open, e.since) }
            }
            if let end = e.end, end <= now {
                if held!.status != .resolved {
                    // After the latest snapshot held: an acknowledgement later
                    // than the cause's end never stays the alert's state.
                    emit(record(id: e.id, rule: e.rule, at: max(end, held!.ts + 1), title: e.title, ref: e.ref,
                                status: .resolved, note: e.endNote))
                    if end > now - TimeSpan.hour { settledLately.append((e.id, now, end, e.endNote)) }
                }
                continue
            }
            live.insert(e.id)
            if let end = e.end { later(end) }
        }
        // Raised before and gone from the episodes: records that arrived out
        // of order rewrote the item's past. Resolved now.
        for id in tracked[key]?.live.subtracting(live) ?? [] where !episodes.contains(where: { $0.id == id }) {
            guard let i = store.index(.alert, id: id), let held = AlertStanding.asOf(store, alert: i, at: now),
                  held.alertStatus != .resolved else { continue }
            guard written[id] == nil else { continue }
            let s = held
            emit(Record(id: id, snapshot: Snapshot(
                ts: max(now, s.ts + 1), offsetMinutes: LocalTime.offsetMinutes, by: config.author, note: "条件已变",
                body: .alert(AlertBody(level: s.level, type: store.text(s.alert.type), title: store.text(s.alert.title),
                                       status: .resolved, ref: s.alert.ref.isNone ? nil : store.text(s.alert.ref))))))
        }
        if let next, scheduled[key] != next {
            checks.insert(Check(at: next, key: key))
            scheduled[key] = next
        }
        if live.isEmpty && next == nil && !canReopen(key, store) {
            tracked[key] = nil
        } else {
            tracked[key] = Tracked(seen: signature(key, store), live: live)
        }
    }

    /// Adds a record to this call's output.
    private mutating func emit(_ r: Record) {
        out.append(r)
        if case .alert(let a) = r.snapshot.body { written[r.id] = (a.status, r.snapshot.ts) }
    }

    /// Episodes resolved in the last hour whose alert an operator's later
    /// snapshot made unresolved again: resolved after it.
    private mutating func resettle(_ store: Store, now: Millis) {
        settledLately.removeAll { $0.end < now - TimeSpan.hour }
        for s in settledLately {
            guard written[s.id] == nil, let i = store.index(.alert, id: s.id),
                  let held = AlertStanding.asOf(store, alert: i, at: now), held.alertStatus != .resolved else { continue }
            emit(Record(id: s.id, snapshot: Snapshot(
                ts: max(s.end, held.ts + 1), offsetMinutes: LocalTime.offsetMinutes, by: config.author,
                note: s.note,
                body: .alert(AlertBody(level: held.level, type: store.text(held.alert.type), title: store.text(held.alert.title),
                                       status: .resolved, ref: held.alert.ref.isNone ? nil : store.text(held.alert.ref))))))
        }
    }

    // MARK: - Writing

    /// Opens an alert unless one of that id exists (here or in the store).
    /// Returns whether it is live (open or acked) and so to be watched.
    mutating func raise(_ store: Store, _ rule: AlertRule, id: String, at: Millis, title: String, ref: String?,
                        now: Millis) -> Bool {
        if let status = known[id] { return status != .resolved }
        if let i = store.index(.alert, id: id), let held = AlertStanding.asOf(store, alert: i, at: now) {
            let status = held.alertStatus
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
    mutating func settle(_ store: Store, _ p: Pending, at: Millis, note: String, now: Millis) {
        guard known[p.id] != .resolved else { return }
        var ts = at
        if let i = store.index(.alert, id: p.id), let current = AlertStanding.asOf(store, alert: i, at: now) {
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
