/// Live counts and orderings over the current state of every item, kept up to
/// date per record: when an item's current snapshot changes, its old snapshot's
/// contributions are taken out and the new one's put in. Nothing here ever
/// rescans the store, so panes can read it several times a second over a
/// year of feeds.
public struct Aggregates: Sendable {
    /// Items per kind, by the status of their current snapshot.
    public internal(set) var statusCounts: [[Int]] = [
        Array(repeating: 0, count: EventStatus.allCases.count),
        Array(repeating: 0, count: TaskStatus.allCases.count),
        Array(repeating: 0, count: MediationStatus.allCases.count),
        Array(repeating: 0, count: AlertStatus.allCases.count),
    ]
    /// Tasks a unit still owes (not done, not returned), nearest due first.
    public internal(set) var openTasksByDue = SortedIndex()
    /// Returned tasks by due: not the unit's any more, but still "not done".
    public internal(set) var returnedTasksByDue = SortedIndex()
    /// Open task load per unit name, for the dispatch picker.
    public internal(set) var openTasksPerUnit: [String: Int] = [:]
    /// Mediation cases by their current tier.
    public internal(set) var mediationByTier = [0, 0, 0]
    /// Resolved cases by the tier that resolved them (the 6:3:1 measure).
    public internal(set) var resolvedByTier = [0, 0, 0]
    /// Cases still open at each tier.
    public internal(set) var openMediationByTier = [0, 0, 0]
    /// Alerts whose status is `open`, by level.
    public internal(set) var openAlertsByLevel = [0, 0, 0]
    /// Alerts not yet resolved, for the alert pane: iterate descending for
    /// critical first, then newest first.
    public internal(set) var activeAlerts = SortedIndex()
    /// Every event by its first report time (newest first when descending).
    public internal(set) var eventsByTime = SortedIndex()
    /// Escalation snapshots (status `escalated`) per local day and tier.
    public internal(set) var escalationsByDay: [Int64: [Int]] = [:]

    public init() {}

    public func count(_ kind: Kind) -> Int { statusCounts[Int(kind.rawValue)].reduce(0, +) }

    public func count<S: WireEnum>(_ kind: Kind, _ status: S) -> Int {
        statusCounts[Int(kind.rawValue)][Int(status.rawValue)]
    }

    /// Tasks not done whose due is before `now` (returned tasks included, as
    /// the stats contract says "not done").
    public func overdueTasks(now: Millis) -> Int {
        openTasksByDue.count(below: now) + returnedTasksByDue.count(below: now)
    }

    /// Resolved share per tier in percent (0 when nothing is resolved yet).
    public var resolvedShares: [Double] {
        let total = resolvedByTier.reduce(0, +)
        return resolvedByTier.map { total == 0 ? 0 : Double($0) * 100 / Double(total) }
    }

    /// Escalations on the local day containing `now`.
    public func escalations(onDayOf now: Millis, offsetMinutes: Int16 = 480) -> [Int] {
        escalationsByDay[Self.day(now, offsetMinutes)] ?? [0, 0, 0]
    }

    static func day(_ t: Millis, _ offsetMinutes: Int16) -> Int64 {
        let local = t + Millis(offsetMinutes) * 60_000
        return local >= 0 ? local / 86_400_000 : (local - 86_399_999) / 86_400_000
    }

    /// Adds (sign +1) or removes (sign -1) one item's current state.
    mutating func apply(_ s: Snapshot, item: Int32, firstTs: Millis, sign: Int) {
        switch s.body {
        case .event(let e):
            statusCounts[0][Int(e.status.rawValue)] += sign
            Self.update(&eventsByTime, IndexEntry(key: firstTs, item: item), sign)
        case .task(let t):
            statusCounts[1][Int(t.status.rawValue)] += sign
            let entry = IndexEntry(key: t.due, item: item)
            if t.status.isOpen {
                Self.update(&openTasksByDue, entry, sign)
                let load = (openTasksPerUnit[t.unit] ?? 0) + sign
                openTasksPerUnit[t.unit] = load == 0 ? nil : load
            } else if t.status == .returned {
                Self.update(&returnedTasksByDue, entry, sign)
            }
        case .mediation(let m):
            statusCounts[2][Int(m.status.rawValue)] += sign
            let tier = Int(m.tier.rawValue)
            mediationByTier[tier] += sign
            if m.status == .resolved { resolvedByTier[tier] += sign }
            if m.status.isOpen { openMediationByTier[tier] += sign }
        case .alert(let a):
            statusCounts[3][Int(a.status.rawValue)] += sign
            if a.status == .open { openAlertsByLevel[Int(a.level.rawValue)] += sign }
            if a.status.isOpen {
                Self.update(&activeAlerts, IndexEntry(key: Int64(a.level.rawValue) << 48 | firstTs, item: item), sign)
            }
        }
    }

    /// Counts an escalation snapshot (history, not current state: every
    /// escalation counts even if the case later moved on).
    mutating func noteHistory(_ s: Snapshot) {
        guard case .mediation(let m) = s.body, m.status == .escalated else { return }
        let d = Self.day(s.ts, s.offsetMinutes)
        var tiers = escalationsByDay[d] ?? [0, 0, 0]
        tiers[Int(m.tier.rawValue)] += 1
        escalationsByDay[d] = tiers
    }

    private static func update(_ index: inout SortedIndex, _ e: IndexEntry, _ sign: Int) {
        if sign > 0 { index.insert(e) } else { index.remove(e) }
    }
}
