/// The figures of one period [from, to) over a store (issue 14's
/// definitions, in the README's `report` section): what `dutydesk report`
/// prints and the situation board shows, computed once from the store's
/// compact snapshots.
public struct PeriodReport: Equatable, Sendable {
    public var from: Millis, to: Millis
    public var events: EventFigures, tasks: TaskFigures, mediation: MediationFigures
    public var notices: NoticeFigures, satisfaction: SatisfactionFigures
    /// The 12 towns, in the district's order (`District.towns`).
    public var towns: [TownFigures]
    /// One per calendar day (+08:00) the period touches.
    public var daily: [DayFigures]

    public init(from: Millis, to: Millis) {
        self.from = from; self.to = to
        events = EventFigures(); tasks = TaskFigures(); mediation = MediationFigures()
        notices = NoticeFigures(); satisfaction = SatisfactionFigures()
        towns = District.towns.map { TownFigures(town: $0.name) }
        daily = []
    }

    /// The period's figures (every figure 0 until the computation lands).
    public static func compute(_ store: Store, from: Millis, to: Millis) -> PeriodReport {
        PeriodReport(from: from, to: to)
    }

    /// Every case of a vocabulary at 0.
    public static func zeros<E: WireEnum>() -> [E: Int] {
        Dictionary(uniqueKeysWithValues: E.allCases.map { ($0, 0) })
    }

    /// Every case of a vocabulary with no value.
    public static func nils<E: WireEnum>() -> [E: Double?] {
        Dictionary(uniqueKeysWithValues: E.allCases.map { ($0, nil) })
    }
}
