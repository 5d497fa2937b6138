/// Counts one period's figures over a store, one pass per kind, in flat
/// arrays indexed by the vocabularies' ordinals and the towns' places: no
/// String is made per item (a year is ≈ 150,000 events) and an item's
/// history is walked only when its latest snapshot is not already its state
/// at `to` or when a figure needs an earlier snapshot (a task's first
/// `done`, a notice's `replied`).
///
/// Definitions (issue 14, README "`report`"): an item belongs to the period
/// when its first snapshot's ts is in [from, to); its state is its latest
/// snapshot with ts < to.
struct PeriodTally {
    let store: Store
    let from: Millis, to: Millis
    /// The towns' names as this store's symbols (`.none` when never seen).
    private let townSymbols: [TextID]
    private let firstDay: Int64
    private let dayCount: Int

    // Events.
    private var eventTotal = 0
    private var bySource = [Int](repeating: 0, count: EventSource.allCases.count)
    private var byStatus = [Int](repeating: 0, count: EventStatus.allCases.count)
    private var enforcement = 0, petitionToEnforcement = 0
    private var surveyed = 0, satisfied = 0
    /// Events named by an enforcement task with ts < to (few: a set).
    private var enforced = Set<Int32>()
    private var domainCounts: [TextID: (events: Int, enforcement: Int)] = [:]
    // Tasks.
    private var taskTotal = 0
    private var byType = [Int](repeating: 0, count: TaskType.allCases.count)
    private var done = 0, onTime = 0, returned = 0
    private var reasons: [TextID: Int] = [:]
    // Mediation.
    private var caseTotal = 0, resolved = 0
    private var resolvedByTier = [0, 0, 0]
    // Notices.
    private var noticesByType = [0, 0, 0]
    private var repliedOnTime = 0
    // Per town (index in `District.towns`) and per day (from `firstDay`).
    private var towns: [TownTally]
    private var days: [(events: Int, tasks: Int, done: Int)]

    private struct TownTally { var events = 0, enforcement = 0, tasks = 0, done = 0, onTime = 0, overdue = 0, resolved = 0 }

    init(store: Store, from: Millis, to: Millis) {
        self.store = store; self.from = from; self.to = to
        townSymbols = District.towns.map { store.texts.find($0.name) ?? .none }
        towns = Array(repeating: TownTally(), count: District.towns.count)
        firstDay = LocalTime.dayNumber(from)
        dayCount = to > from ? Int(LocalTime.dayNumber(to - 1) - firstDay + 1) : 0
        days = Array(repeating: (0, 0, 0), count: dayCount)
    }

    mutating func run() {
        countTasks()
        countEvents()
        countCases()
        countNotices()
    }

    /// The place of a town's symbol in `District.towns`, if it is one of the 12.
    @inline(__always)
    private func town(_ sym: TextID) -> Int? {
        guard !sym.isNone else { return nil }
        for (i, t) in townSymbols.enumerated() where t == sym { return i }
        return nil
    }

    /// The day slot of a time within [from, to).
    @inline(__always)
    private func day(_ t: Millis) -> Int { Int(LocalTime.dayNumber(t) - firstDay) }

    @inline(__always)
    private func inPeriod(_ firstTs: Millis) -> Bool { firstTs >= from && firstTs < to }

    /// The item's state at `to`: its latest snapshot with ts < to (the
    /// caller knows its first one is before `to`).
    private func state(_ kind: Kind, _ i: Int32) -> CompactSnapshot {
        let current = store.current(kind, i)
        if current.ts < to { return current }
        var last = current
        store.walkHistory(kind, i) { s in
            guard s.ts < to else { return false }
            last = s
            return true
        }
        return last
    }

    /// Every task that exists at `to`: the period's tasks' figures, and
    /// for tasks of any period the events they make enforcement, the
    /// towns' overdue now, and the days' first `done`.
    private mutating func countTasks() {
        let texts = store.texts
        for i in 0..<Int32(store.count(.task)) {
            let first = store.firstTs(.task, i)
            guard first < to else { continue }
            let current = store.current(.task, i)
            let mine = first >= from
            var s = current
            var firstDone: CompactSnapshot?
            var firstReturned: CompactSnapshot?
            // A task whose latest snapshot is before `from` is in its state
            // and did nothing in the period; any other is walked (up to `to`)
            // for its state, first `done` and first `returned`. The period's
            // own tasks are all walked: their first snapshot is not before `from`.
            if current.ts >= from {
                store.walkHistory(.task, i) { h in
                    guard h.ts < to else { return false }
                    s = h
                    if firstDone == nil && h.taskStatus == .done { firstDone = h }
                    if firstReturned == nil && h.taskStatus == .returned { firstReturned = h }
                    return true
                }
            }
            let type = TaskType(rawValue: s.code)!
            if type.isEnforcement, !s.task.event.isNone,
               let e = texts.withBytes(s.task.event, { store.index(.event, idBytes: $0) }) {
                enforced.insert(e)
            }
            let place = town(s.task.town)
            if s.taskStatus.isOpen && s.task.due < to, let place { towns[place].overdue += 1 }
            if let d = firstDone, d.ts >= from { days[day(d.ts)].done += 1 }
            guard mine else { continue }
            taskTotal += 1
            byType[Int(s.code)] += 1
            days[day(first)].tasks += 1
            if let place { towns[place].tasks += 1 }
            if s.taskStatus == .done, let d = firstDone {
                done += 1
                let late = d.exactTs > d.dueExact
                if !late { onTime += 1 }
                if let place {
                    towns[place].done += 1
                    if !late { towns[place].onTime += 1 }
                }
            }
            if let r = firstReturned {
                returned += 1
                reasons[r.task.reason, default: 0] += 1
            }
        }
    }

    /// The period's events only, from the index of every event by first
    /// report: a 30-day board over a year of events reads a month of them.
    private mutating func countEvents() {
        for entry in store.aggregates.eventsByTime.entries(in: IndexKey.byFirstReport(from)..<IndexKey.byFirstReport(to)) {
            let i = entry.item
            let first = store.firstTs(.event, i)
            let s = state(.event, i)
            eventTotal += 1
            bySource[Int(s.code)] += 1
            byStatus[Int(s.status)] += 1
            days[day(first)].events += 1
            let place = town(s.event.town)
            if let place { towns[place].events += 1 }
            if s.outcome != CompactSnapshot.noOutcome {
                surveyed += 1
                if s.outcome == 1 { satisfied += 1 }
            }
            let isEnforced = enforced.contains(i)
            if isEnforced {
                enforcement += 1
                if s.code == EventSource.petition.rawValue { petitionToEnforcement += 1 }
                if let place { towns[place].enforcement += 1 }
            }
            domainCounts[s.event.domain, default: (0, 0)].events += 1
            if isEnforced { domainCounts[s.event.domain, default: (0, 0)].enforcement += 1 }
        }
    }

    private mutating func countCases() {
        for i in 0..<Int32(store.count(.mediation)) {
            guard inPeriod(store.firstTs(.mediation, i)) else { continue }
            let s = state(.mediation, i)
            caseTotal += 1
            guard s.mediationStatus == .resolved else { continue }
            resolved += 1
            resolvedByTier[Int(s.code)] += 1
            if let place = town(s.mediation.town) { towns[place].resolved += 1 }
        }
    }

    private mutating func countNotices() {
        for i in 0..<Int32(store.count(.notice)) {
            guard inPeriod(store.firstTs(.notice, i)) else { continue }
            let s = state(.notice, i)
            noticesByType[Int(s.code)] += 1
            guard s.noticeStatus == .replied || s.noticeStatus == .closed else { continue }
            var onTime = false
            store.walkHistory(.notice, i) { h in
                guard h.ts < to else { return false }
                if h.noticeStatus == .replied, h.priority == 1, h.exactTs <= h.dueExact { onTime = true; return false }
                return true
            }
            if onTime { repliedOnTime += 1 }
        }
    }

    /// The figures, rates rounded (`PeriodReport.rate`).
    func report() -> PeriodReport {
        var r = PeriodReport(from: from, to: to)
        func dict<E: WireEnum>(_ values: [Int]) -> [E: Int] {
            Dictionary(uniqueKeysWithValues: E.allCases.map { ($0, values[Int($0.rawValue)]) })
        }
        r.events = EventFigures(total: eventTotal, bySource: dict(bySource), byStatus: dict(byStatus),
                                enforcement: enforcement, petitionToEnforcement: petitionToEnforcement,
                                selfResolvedRate: PeriodReport.rate(byStatus[Int(EventStatus.selfResolved.rawValue)], eventTotal))
        let texts = store.texts
        let reasonCounts = reasons.map { ReasonCount(reason: texts.optionalText($0.key) ?? "", count: $0.value) }
            .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
        r.tasks = TaskFigures(total: taskTotal, byType: dict(byType), done: done, onTime: onTime,
                              onTimeRate: PeriodReport.rate(onTime, done), returned: returned, returnedByReason: reasonCounts)
        r.mediation = MediationFigures(
            total: caseTotal, resolved: resolved, resolvedByTier: dict(resolvedByTier),
            split: Dictionary(uniqueKeysWithValues: MediationTier.allCases.map { ($0, PeriodReport.rate(resolvedByTier[Int($0.rawValue)], resolved)) }))
        r.notices = NoticeFigures(byType: dict(noticesByType), repliedOnTime: repliedOnTime)
        r.satisfaction = SatisfactionFigures(surveyed: surveyed, satisfied: satisfied, rate: PeriodReport.rate(satisfied, surveyed))
        r.towns = zip(District.towns, towns).map { t, n in
            TownFigures(town: t.name, events: n.events, enforcement: n.enforcement, tasks: n.tasks,
                        onTimeRate: PeriodReport.rate(n.onTime, n.done), overdueNow: n.overdue, mediationResolved: n.resolved)
        }
        r.daily = days.enumerated().map { k, d in
            DayFigures(date: LocalTime.date(LocalTime.start(ofDay: firstDay + Int64(k))), events: d.events, tasks: d.tasks, done: d.done)
        }
        r.domains = domainFigures(texts)
        return r
    }

    private func domainFigures(_ texts: TextTable) -> [DomainFigures] {
        var rest = domainCounts
        var out: [DomainFigures] = District.domains.map { d in
            let sym = texts.find(d.name)
            let c = sym.flatMap { rest.removeValue(forKey: $0) } ?? (0, 0)
            return DomainFigures(domain: d.name, events: c.events, enforcement: c.enforcement)
        }
        out += rest.map { DomainFigures(domain: texts.text($0.key), events: $0.value.events, enforcement: $0.value.enforcement) }
            .sorted { ($0.events, $1.domain) > ($1.events, $0.domain) }
        return out
    }
}
