/// Live counts and orderings over the current state of every item, kept up to
/// date per record: when an item's current snapshot changes, its old snapshot's
/// contributions are taken out and the new one's put in. Nothing here ever
/// rescans the store, so panes can read it several times a second over a
/// year of feeds.
public struct Aggregates: Sendable {
    /// Items per kind, by the status of their current snapshot: kind k's
    /// counters start at `k * statusStride` in one flat array (no nested
    /// arrays to check for uniqueness on every record).
    private var flatStatusCounts = [Int](repeating: 0, count: Kind.allCases.count * Self.statusStride)
    private static let statusStride = 8
    private static let statusWidths = [EventStatus.allCases.count, TaskStatus.allCases.count,
                                       MediationStatus.allCases.count, AlertStatus.allCases.count,
                                       NoticeStatus.allCases.count]

    /// Items per kind, by the status of their current snapshot.
    public var statusCounts: [[Int]] {
        Kind.allCases.map { k in
            let start = Int(k.rawValue) * Self.statusStride
            return Array(flatStatusCounts[start..<(start + Self.statusWidths[Int(k.rawValue)])])
        }
    }
    /// Tasks a unit still owes (not done, not returned), nearest due first.
    public internal(set) var openTasksByDue = SortedIndex()
    /// Returned tasks by due: not the unit's any more, but still "not done".
    public internal(set) var returnedTasksByDue = SortedIndex()
    /// Open task load per unit, by its name's symbol: an array indexed by the
    /// symbol, because a dictionary hashes with SipHash on every task update.
    /// Unit names are interned, and symbols number the interned texts in the
    /// order first seen (all names, not only units: a year of feeds holds a
    /// few hundred thousand, so this array is a few hundred KB of Int32).
    /// Symbols from `unitLoadLimit` on, and free texts, use `otherUnitLoads`,
    /// so the array stays under 4 MiB whatever arrives.
    private var unitLoads: [Int32] = []
    private var otherUnitLoads: [TextID: Int] = [:]
    private static let unitLoadLimit: UInt32 = 1 << 20

    /// Open task load per unit (by its name's symbol), for the dispatch picker.
    public var openTasksPerUnit: [TextID: Int] {
        var all = otherUnitLoads
        for (raw, load) in unitLoads.enumerated() where load != 0 { all[TextID(raw: UInt32(raw))] = Int(load) }
        return all
    }

    /// The open tasks a unit owes.
    public func openTaskLoad(_ unit: TextID) -> Int {
        guard unit.raw < Self.unitLoadLimit else { return otherUnitLoads[unit] ?? 0 }
        let i = Int(unit.raw)
        return i < unitLoads.count ? Int(unitLoads[i]) : 0
    }

    private mutating func addUnitLoad(_ unit: TextID, _ sign: Int) {
        guard unit.raw < Self.unitLoadLimit else {
            let load = (otherUnitLoads[unit] ?? 0) + sign
            otherUnitLoads[unit] = load == 0 ? nil : load
            return
        }
        let i = Int(unit.raw)
        if i >= unitLoads.count { unitLoads.append(contentsOf: repeatElement(0, count: max(i + 1, unitLoads.count * 2) - unitLoads.count)) }
        unitLoads[i] += Int32(sign)
    }
    /// Mediation cases by their current tier.
    public internal(set) var mediationByTier = [0, 0, 0]
    /// Resolved cases by the tier that resolved them (the 6:3:1 measure).
    public internal(set) var resolvedByTier = [0, 0, 0]
    /// Cases still open at each tier.
    public internal(set) var openMediationByTier = [0, 0, 0]
    /// Open mediation cases by first report time, for the pane's case list.
    public internal(set) var openCasesByTime = SortedIndex()
    /// Alerts whose status is `open`, by level.
    public internal(set) var openAlertsByLevel = [0, 0, 0]
    /// Alerts not yet resolved, for the alert pane: iterate descending for
    /// critical first, then newest first.
    public internal(set) var activeAlerts = SortedIndex()
    /// Every event by its first report time (newest first when descending).
    public internal(set) var eventsByTime = SortedIndex()
    /// Escalation snapshots (status `escalated`) per local day and tier.
    public internal(set) var escalationsByDay = DayCounts(width: 3)
    /// Every task by its first report time (when it was dispatched): the
    /// header's 转派 and its list.
    public internal(set) var tasksByFirstReport = SortedIndex()
    /// Events whose current state is `closed` or `self_resolved`, by the time
    /// of that snapshot: the header's 结案 and its list.
    public internal(set) var settledEventsByTime = SortedIndex()

    /// Notices by type (风险提示单, 督办单, 通报), whatever their status.
    public internal(set) var noticesByType = [0, 0, 0]
    /// Notices still awaiting a reply (`issued`) that ask one by a due time,
    /// by that due: 逾期未回复 is the count below now.
    public internal(set) var noticeRepliesByDue = SortedIndex()

    public init() {}

    /// 逾期未回复: notices `issued` whose reply deadline is before `now`
    /// (replied, closed and withdrawn ones, and those asking no reply, never count).
    public func overdueNoticeReplies(now: Millis) -> Int {
        noticeRepliesByDue.count(below: now)
    }

    public func count(_ kind: Kind) -> Int {
        let start = Int(kind.rawValue) * Self.statusStride
        return flatStatusCounts[start..<(start + Self.statusStride)].reduce(0, +)
    }

    public func count<S: WireEnum>(_ kind: Kind, _ status: S) -> Int {
        flatStatusCounts[Int(kind.rawValue) * Self.statusStride + Int(status.rawValue)]
    }

    /// The one definition of overdue (header, `/overdue`, `stats`, handover):
    /// a task its unit still owes (not done, not returned) whose due is
    /// before `now`. A returned task is no longer the unit's to finish: it is
    /// listed as 退回 until its event is dispatched again or closed.
    public func overdueTasks(now: Millis) -> Int {
        openTasksByDue.count(below: now)
    }

    /// Resolved share per tier in percent (0 when nothing is resolved yet).
    public var resolvedShares: [Double] {
        let total = resolvedByTier.reduce(0, +)
        return resolvedByTier.map { total == 0 ? 0 : Double($0) * 100 / Double(total) }
    }

    /// Escalations on the local day containing `now`.
    public func escalations(onDayOf now: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes) -> [Int] {
        escalationsByDay[LocalTime.dayNumber(now, offsetMinutes: offsetMinutes)]
    }

    /// Today's figures for the header, each the length of a list an index
    /// gives (`HeaderFigure.items`): events first reported today, tasks
    /// dispatched today, events settled or closed today, tasks overdue now.
    public func today(now: Millis) -> (intake: Int, dispatched: Int, closed: Int, overdue: Int) {
        let day = LocalTime.today(now)
        return (eventsByTime.count(in: day), tasksByFirstReport.count(in: day),
                settledEventsByTime.count(in: day), overdueTasks(now: now))
    }

    /// Moves one item from its old current state to a new one. Indexes are
    /// touched only when their key changes: most updates are a status step,
    /// which costs two counter updates.
    mutating func replace(_ old: CompactSnapshot, _ new: CompactSnapshot, item: Int32, oldFirst: Millis, newFirst: Millis) {
        let k = Int(old.kind.rawValue)
        let sameKeys: Bool
        switch old.kind {
        case .event:
            sameKeys = oldFirst == newFirst
            // Settling (or a later snapshot of a settled event) moves only its
            // entry in the settled index, never its place among all events.
            if sameKeys && (old.eventStatus.isSettled || new.eventStatus.isSettled) {
                if old.eventStatus.isSettled { settledEventsByTime.remove(IndexEntry(key: old.ts, item: item)) }
                if new.eventStatus.isSettled { settledEventsByTime.insert(IndexEntry(key: new.ts, item: item)) }
            }
        case .task:
            sameKeys = old.taskStatus.isOpen == new.taskStatus.isOpen
                && (old.taskStatus == .returned) == (new.taskStatus == .returned)
                && old.due == new.due && old.task.unit == new.task.unit
                && oldFirst == newFirst   // a late older snapshot moves it in 转派's index
        case .mediation:
            sameKeys = false
        case .alert:
            sameKeys = old.alertStatus.isOpen == new.alertStatus.isOpen && old.code == new.code
                && oldFirst == newFirst && (old.alertStatus == .open) == (new.alertStatus == .open)
        case .notice:
            sameKeys = false
        }
        if sameKeys {
            flatStatusCounts[k * Self.statusStride + Int(old.status)] -= 1
            flatStatusCounts[k * Self.statusStride + Int(new.status)] += 1
        } else {
            // A task's place among all tasks by first report moves only when an
            // older snapshot arrived late: a status step leaves it be.
            let moved = oldFirst != newFirst
            apply(old, item: item, firstTs: oldFirst, sign: -1, firstReport: moved)
            apply(new, item: item, firstTs: newFirst, sign: 1, firstReport: moved)
        }
    }

    /// Adds (sign +1) or removes (sign -1) one item's current state;
    /// `firstReport: false` leaves the task's entry by first report alone.
    mutating func apply(_ s: CompactSnapshot, item: Int32, firstTs: Millis, sign: Int, firstReport: Bool = true) {
        flatStatusCounts[Int(s.kind.rawValue) * Self.statusStride + Int(s.status)] += sign
        switch s.kind {
        case .event:
            Self.update(&eventsByTime, IndexEntry(key: IndexKey.byFirstReport(firstTs), item: item), sign)
            if s.eventStatus.isSettled { Self.update(&settledEventsByTime, IndexEntry(key: s.ts, item: item), sign) }
        case .task:
            if firstReport { Self.update(&tasksByFirstReport, IndexEntry(key: IndexKey.byFirstReport(firstTs), item: item), sign) }
            let entry = IndexEntry(key: IndexKey.task(s), item: item)
            let status = s.taskStatus
            if status.isOpen {
                Self.update(&openTasksByDue, entry, sign)
                addUnitLoad(s.task.unit, sign)
            } else if status == .returned {
                Self.update(&returnedTasksByDue, entry, sign)
            }
        case .mediation:
            let tier = Int(s.code)
            let status = s.mediationStatus
            mediationByTier[tier] += sign
            if status == .resolved { resolvedByTier[tier] += sign }
            if status.isOpen {
                openMediationByTier[tier] += sign
                Self.update(&openCasesByTime, IndexEntry(key: IndexKey.byFirstReport(firstTs), item: item), sign)
            }
        case .alert:
            let status = s.alertStatus
            if status == .open { openAlertsByLevel[Int(s.code)] += sign }
            if status.isOpen {
                Self.update(&activeAlerts, IndexEntry(key: IndexKey.alert(s, firstTs: firstTs), item: item), sign)
            }
        case .notice:
            noticesByType[Int(s.code)] += sign
            if s.noticeStatus.awaitsReply, let due = s.notice.due {
                Self.update(&noticeRepliesByDue, IndexEntry(key: due, item: item), sign)
            }
        }
    }

    /// Counts an escalation snapshot (history, not current state: every
    /// escalation counts even if the case later moved on).
    mutating func noteHistory(_ s: CompactSnapshot) {
        guard s.kind == .mediation, s.mediationStatus == .escalated else { return }
        let d = LocalTime.dayNumber(s.ts, offsetMinutes: s.offsetMinutes)
        escalationsByDay.add(day: d, slot: Int(s.code))
    }

    private static func update(_ index: inout SortedIndex, _ e: IndexEntry, _ sign: Int) {
        if sign > 0 { index.insert(e) } else { index.remove(e) }
    }
}
