import DutyCore

extension BoardFigures {
    /// The board at `now`: `PeriodReport.compute` over each window (today,
    /// 30 days, this month, this year, each hour of the last 24), so every
    /// period figure is the report's own; then one pass over the current
    /// state for what is open now. `signingLimits`: as the late-signing rule.
    public static func compute(_ store: Store, now: Millis,
                               signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> BoardFigures {
        let w = BoardWindows(now: now)
        let today = PeriodReport.compute(store, from: w.today.lowerBound, to: now)
        let last30 = PeriodReport.compute(store, from: w.last30.lowerBound, to: now)
        let month = PeriodReport.compute(store, from: w.month.lowerBound, to: now)
        let year = PeriodReport.compute(store, from: w.year.lowerBound, to: now)

        var towns = District.towns.enumerated().map { TownRow(town: $0.offset, name: $0.element.short) }
        var district = TownRow(town: -1, name: "")
        for (i, t) in today.towns.enumerated() where i < towns.count {
            towns[i].eventsToday = t.events
            towns[i].overdue = t.overdueNow
            towns[i].enforcementToday = t.enforcement
        }
        for (i, t) in last30.towns.enumerated() where i < towns.count { towns[i].onTime30 = t.onTimeRate }
        district.eventsToday = today.events.total
        district.enforcementToday = today.events.enforcement
        district.onTime30 = last30.tasks.onTimeRate
        district.overdue = store.aggregates.overdueTasks(now: now)

        // Now: open events, late signing, open mediation, by town.
        let lookup = TownLookup(store)
        for i in 0..<Int32(store.count(.event)) {
            let s = store.current(.event, i)
            guard s.eventStatus == .open, s.ts <= now else { continue }
            district.openNow += 1
            if let t = lookup.town(s.event.town) { towns[t].openNow += 1 }
        }
        for late in NeedsAction.lateEvents(store, now: now, signingLimits: signingLimits) {
            district.lateSigning += 1
            if let t = lookup.town(store.current(.event, late.item).event.town) { towns[t].lateSigning += 1 }
        }
        let cases = store.aggregates.openCasesByTime
        for entry in cases.entries(from: 0, limit: cases.count) {
            district.mediationOpen += 1
            if let t = lookup.town(store.current(.mediation, entry.item).mediation.town) { towns[t].mediationOpen += 1 }
        }

        let hourly = w.hours.map { PeriodReport.compute(store, from: $0, to: min(now, $0 + TimeSpan.hour)).events.total }
        let daily = PeriodReport.compute(store, from: w.days[0], to: now)
        // Tasks dispatched on day d and done on time, as of now: the report's
        // on_time from d's start to now, less the same from the next day's.
        var fromDay = w.days.map { PeriodReport.compute(store, from: $0, to: now).tasks.onTime }
        fromDay.append(0)
        let onTime = (0..<w.days.count).map { fromDay[$0] - fromDay[$0 + 1] }

        let rates = BoardRates(
            selfResolved: month.events.selfResolvedRate, onTime: last30.tasks.onTimeRate,
            split: MediationTier.allCases.map { month.mediation.split[$0] ?? nil }, resolved: month.mediation.resolved,
            satisfaction: month.satisfaction.rate, surveyed: month.satisfaction.surveyed,
            noticesThisYear: NoticeType.allCases.map { year.notices.byType[$0] ?? 0 },
            repliesOverdue: HeaderFigure.overdueReplies.count(store, now: now))
        return BoardFigures(at: now, windows: w, towns: towns, district: district,
                            hourly: hourly, hourlyStart: w.hours[0],
                            days: daily.daily.map(\.date), dailyEvents: daily.daily.map(\.events), dailyOnTime: onTime,
                            rates: rates)
    }
}

/// A town's index in `District.towns` by the text symbol a record names it
/// with (its full name, as the report matches it), memoised per symbol.
final class TownLookup {
    private let store: Store
    private var known: [TextID: Int?] = [:]
    init(_ store: Store) { self.store = store }

    func town(_ sym: TextID) -> Int? {
        if let t = known[sym] { return t }
        let name = store.text(sym)
        let t = District.towns.firstIndex { $0.name == name }
        known[sym] = t
        return t
    }
}
