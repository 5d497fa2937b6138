import DutyCore

/// The `PeriodReport`s the board is made of, one per window (`BoardWindows`).
public struct BoardReports: Sendable {
    public var today: PeriodReport
    public var last30: PeriodReport
    public var month: PeriodReport
    public var year: PeriodReport
    /// From the first of the 30 days (`BoardWindows.days[0]`) to now: the daily rows.
    public var days: PeriodReport
    /// `events.total` of each hour's report, the current (partial) hour last.
    public var hourly: [Int]
    /// `tasks.on_time` of the report from each of the 30 days' start to now.
    public var onTimeFromDay: [Int]
}

extension BoardFigures {
    /// The board at `now`, every window computed afresh: `PeriodReport.compute`
    /// over today, 30 days, this month, this year, the 30 days' rows, each
    /// hour of the last 24 and each day's start to now — so every period
    /// figure is the report's own — then one pass over the current state for
    /// what is open now. `BoardFigureCache` computes the same windows a few
    /// at a time instead.
    public static func compute(_ store: Store, now: Millis,
                               signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> BoardFigures {
        let w = BoardWindows(now: now)
        let report = { (from: Millis, to: Millis) in PeriodReport.compute(store, from: from, to: to) }
        let today = report(w.today.lowerBound, now), days = report(w.days[0], now)
        let reports = BoardReports(
            today: today, last30: report(w.last30.lowerBound, now),
            month: report(w.month.lowerBound, now), year: report(w.year.lowerBound, now), days: days,
            hourly: w.hours.map { report($0, min(now, $0 + TimeSpan.hour)).events.total },
            // The first day's and today's are those two reports' own.
            onTimeFromDay: w.days.indices.map {
                $0 == 0 ? days.tasks.onTime : $0 == w.days.count - 1 ? today.tasks.onTime : report(w.days[$0], now).tasks.onTime
            })
        return assemble(store, now: now, reports, signingLimits: signingLimits)
    }

    /// The board from its reports, and what is open now from the store.
    static func assemble(_ store: Store, now: Millis, _ r: BoardReports,
                         signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> BoardFigures {
        let w = BoardWindows(now: now)
        var towns = District.towns.enumerated().map { TownRow(town: $0.offset, name: $0.element.short) }
        var district = TownRow(town: -1, name: "")
        for (i, t) in r.today.towns.enumerated() where i < towns.count {
            towns[i].eventsToday = t.events
            towns[i].overdue = t.overdueNow
            towns[i].enforcementToday = t.enforcement
        }
        for (i, t) in r.last30.towns.enumerated() where i < towns.count { towns[i].onTime30 = t.onTimeRate }
        district.eventsToday = r.today.events.total
        district.enforcementToday = r.today.events.enforcement
        district.onTime30 = r.last30.tasks.onTimeRate
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

        // Tasks dispatched on day d and done on time, as of now: the report's
        // on_time from d's start to now, less the same from the next day's.
        let from = r.onTimeFromDay + [0]
        let onTime = (0..<r.onTimeFromDay.count).map { max(0, from[$0] - from[$0 + 1]) }
        let rates = BoardRates(
            selfResolved: r.month.events.selfResolvedRate, onTime: r.last30.tasks.onTimeRate,
            split: MediationTier.allCases.map { r.month.mediation.split[$0] ?? nil }, resolved: r.month.mediation.resolved,
            satisfaction: r.month.satisfaction.rate, surveyed: r.month.satisfaction.surveyed,
            noticesThisYear: NoticeType.allCases.map { r.year.notices.byType[$0] ?? 0 },
            repliesOverdue: HeaderFigure.overdueReplies.count(store, now: now))
        return BoardFigures(at: now, windows: w, towns: towns, district: district,
                            hourly: r.hourly, hourlyStart: w.hours[0],
                            days: r.days.daily.map(\.date), dailyEvents: r.days.daily.map(\.events), dailyOnTime: onTime,
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
