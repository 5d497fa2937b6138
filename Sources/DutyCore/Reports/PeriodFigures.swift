/// The figure groups of a period report (issue 14's definitions; see
/// `PeriodReport` and the README's `report` section). Plain values, so the
/// situation board and `dutydesk report` read the same numbers.

/// Grid events first reported in the period.
public struct EventFigures: Equatable, Sendable {
    public var total: Int
    public var bySource: [EventSource: Int]
    public var byStatus: [EventStatus: Int]
    /// Events with at least one enforcement task (any type but `general`,
    /// first reported before `to`) naming them.
    public var enforcement: Int
    /// The same, among events whose source is `petition`.
    public var petitionToEnforcement: Int
    /// self_resolved / total; nil when there is no event.
    public var selfResolvedRate: Double?

    public init(total: Int = 0, bySource: [EventSource: Int] = PeriodReport.zeros(), byStatus: [EventStatus: Int] = PeriodReport.zeros(),
                enforcement: Int = 0, petitionToEnforcement: Int = 0, selfResolvedRate: Double? = nil) {
        self.total = total; self.bySource = bySource; self.byStatus = byStatus
        self.enforcement = enforcement; self.petitionToEnforcement = petitionToEnforcement
        self.selfResolvedRate = selfResolvedRate
    }
}

/// How many returned tasks gave one reason (as written).
public struct ReasonCount: Equatable, Sendable {
    public var reason: String
    public var count: Int
    public init(reason: String, count: Int) { self.reason = reason; self.count = count }
}

/// Tasks first dispatched in the period.
public struct TaskFigures: Equatable, Sendable {
    public var total: Int
    public var byType: [TaskType: Int]
    /// Tasks whose state is `done`.
    public var done: Int
    /// Done, and first `done` no later than that snapshot's `due`.
    public var onTime: Int
    /// onTime / done; nil when none is done.
    public var onTimeRate: Double?
    /// Tasks with a `returned` snapshot before `to`.
    public var returned: Int
    /// By the reason of each returned task's first `returned` snapshot;
    /// only reasons that occur, most frequent first, then by reason.
    public var returnedByReason: [ReasonCount]

    public init(total: Int = 0, byType: [TaskType: Int] = PeriodReport.zeros(), done: Int = 0, onTime: Int = 0,
                onTimeRate: Double? = nil, returned: Int = 0, returnedByReason: [ReasonCount] = []) {
        self.total = total; self.byType = byType; self.done = done; self.onTime = onTime
        self.onTimeRate = onTimeRate; self.returned = returned; self.returnedByReason = returnedByReason
    }
}

/// Mediation cases accepted in the period.
public struct MediationFigures: Equatable, Sendable {
    public var total: Int
    /// Cases whose state is `resolved`.
    public var resolved: Int
    /// Resolved cases by the tier of their state.
    public var resolvedByTier: [MediationTier: Int]
    /// resolvedByTier / resolved per tier (the 6:3:1 achieved); nil when none is resolved.
    public var split: [MediationTier: Double?]

    public init(total: Int = 0, resolved: Int = 0, resolvedByTier: [MediationTier: Int] = PeriodReport.zeros(),
                split: [MediationTier: Double?] = PeriodReport.nils()) {
        self.total = total; self.resolved = resolved; self.resolvedByTier = resolvedByTier; self.split = split
    }
}

/// The center's documents (两单一报) issued in the period.
public struct NoticeFigures: Equatable, Sendable {
    public var byType: [NoticeType: Int]
    /// Replied or closed, with a `replied` snapshot no later than its `due`.
    public var repliedOnTime: Int

    public init(byType: [NoticeType: Int] = PeriodReport.zeros(), repliedOnTime: Int = 0) {
        self.byType = byType; self.repliedOnTime = repliedOnTime
    }
}

/// 满意率: the follow-up calls on the period's events.
public struct SatisfactionFigures: Equatable, Sendable {
    /// Events whose state has `satisfied` true or false.
    public var surveyed: Int
    public var satisfied: Int
    /// satisfied / surveyed; nil when nobody was surveyed.
    public var rate: Double?

    public init(surveyed: Int = 0, satisfied: Int = 0, rate: Double? = nil) {
        self.surveyed = surveyed; self.satisfied = satisfied; self.rate = rate
    }
}

/// One town's row of the period.
public struct TownFigures: Equatable, Sendable {
    public var town: String
    public var events: Int
    /// The town's events that became enforcement (as `EventFigures.enforcement`).
    public var enforcement: Int
    public var tasks: Int
    public var onTimeRate: Double?
    /// Tasks of any period overdue at `to` (the one definition of overdue).
    public var overdueNow: Int
    public var mediationResolved: Int

    public init(town: String, events: Int = 0, enforcement: Int = 0, tasks: Int = 0, onTimeRate: Double? = nil,
                overdueNow: Int = 0, mediationResolved: Int = 0) {
        self.town = town; self.events = events; self.enforcement = enforcement; self.tasks = tasks
        self.onTimeRate = onTimeRate; self.overdueNow = overdueNow; self.mediationResolved = mediationResolved
    }
}

/// One calendar day (+08:00) of the period.
public struct DayFigures: Equatable, Sendable {
    /// `2026-12-04`.
    public var date: String
    /// Events first reported that day.
    public var events: Int
    /// Tasks dispatched (first reported) that day.
    public var tasks: Int
    /// Tasks whose first `done` snapshot is that day.
    public var done: Int

    public init(date: String, events: Int = 0, tasks: Int = 0, done: Int = 0) {
        self.date = date; self.events = events; self.tasks = tasks; self.done = done
    }
}

/// Events of one domain (领域) in the period.
public struct DomainFigures: Equatable, Sendable {
    public var domain: String
    public var events: Int
    /// Of them, those that became enforcement.
    public var enforcement: Int

    public init(domain: String, events: Int = 0, enforcement: Int = 0) {
        self.domain = domain; self.events = events; self.enforcement = enforcement
    }
}
