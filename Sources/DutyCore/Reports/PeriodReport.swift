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

    /// Events by domain (the Markdown's domain table): the district's 11
    /// domains in its order, then any other domain met, most events first.
    public var domains: [DomainFigures] = []

    /// The period's figures: one pass over each kind's items (see `PeriodTally`).
    public static func compute(_ store: Store, from: Millis, to: Millis) -> PeriodReport {
        var tally = PeriodTally(store: store, from: from, to: to)
        tally.run()
        return tally.report()
    }

    /// n / d rounded half-up to 4 decimals, in integers so a half is
    /// always rounded up whatever binary doubles would make of it (1/20000
    /// is 0.0001, 2/3 is 0.6667); nil when d is 0.
    public static func rate(_ n: Int, _ d: Int) -> Double? {
        guard d > 0 else { return nil }
        let basisPoints = (2 * 10_000 * n + d) / (2 * d)
        return Double(basisPoints) / 10_000
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
