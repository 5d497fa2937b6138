import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The board's numbers are the period report's: for the same windows,
/// `PeriodReport.compute` (what `dutydesk report` prints) and the board give
/// the same figures, town by town, hour by hour, day by day; and what the
/// board counts "now" agrees with the console's own lists.
@Suite struct BoardAgreementTests {
    init() { _ = UITest.locale }

    /// Six weeks of the district's generated feed, up to a Monday afternoon
    /// (so today, the last 30 days, this month and this year all differ).
    static let now = Timestamp.millis(year: 2026, month: 11, day: 30, hour: 15, minute: 20)
    nonisolated(unsafe) static let store: Store = {
        let store = Store(clock: .fixed(now))
        var g = FeedGenerator(seed: 14, start: Timestamp.millis(year: 2026, month: 10, day: 19), profile: .district)
        g.generate(days: 43) { if $0.snapshot.ts < now { store.apply($0) } }
        return store
    }()

    @Test func townFiguresAreTheReportsForTodayAndThirtyDays() {
        let store = Self.store, now = Self.now
        let board = BoardFigures.compute(store, now: now)
        let w = BoardWindows(now: now)
        #expect(w.today == Timestamp.millis(year: 2026, month: 11, day: 30)..<now)
        #expect(w.last30.lowerBound == now - 30 * TimeSpan.day)
        let today = PeriodReport.compute(store, from: w.today.lowerBound, to: now)
        let last30 = PeriodReport.compute(store, from: w.last30.lowerBound, to: now)
        #expect(today.events.total > 100)   // a real day, not an empty window
        for (i, town) in board.towns.enumerated() {
            #expect(town.eventsToday == today.towns[i].events, "\(town.name)")
            #expect(town.enforcementToday == today.towns[i].enforcement, "\(town.name)")
            #expect(town.overdue == today.towns[i].overdueNow, "\(town.name)")
            #expect(town.onTime30 == last30.towns[i].onTimeRate, "\(town.name)")
        }
        #expect(board.district.eventsToday == today.events.total)
        #expect(board.district.enforcementToday == today.events.enforcement)
        #expect(board.district.onTime30 == last30.tasks.onTimeRate)
        // The district's overdue is the header's 超期, and the towns' add up to it
        // when every overdue task names one of the 12.
        #expect(board.district.overdue == HeaderFigure.overdue.count(store, now: now))
        #expect(board.towns.map(\.overdue).reduce(0, +) == today.towns.map(\.overdueNow).reduce(0, +))
    }

    @Test func trendsAreTheReportsPerHourAndPerDay() {
        let store = Self.store, now = Self.now
        let board = BoardFigures.compute(store, now: now)
        let w = BoardWindows(now: now)
        #expect(board.hourly.count == 24 && w.hours.last! <= now && now - w.hours.last! < TimeSpan.hour)
        for (i, start) in w.hours.enumerated() {
            #expect(board.hourly[i] == PeriodReport.compute(store, from: start, to: min(now, start + TimeSpan.hour)).events.total)
        }
        #expect(board.hourly.reduce(0, +) == PeriodReport.compute(store, from: w.hours[0], to: now).events.total)
        let month = PeriodReport.compute(store, from: w.days[0], to: now)
        #expect(board.days == month.daily.map(\.date) && board.days.count == 30 && board.days.last == "2026-11-30")
        #expect(board.dailyEvents == month.daily.map(\.events))
        // Tasks done on time by the day they were dispatched: day by day the
        // report over that one day's tasks, as of now, and in all the report's.
        #expect(board.dailyOnTime.reduce(0, +) == month.tasks.onTime)
        #expect(board.dailyOnTime.last == PeriodReport.compute(store, from: w.days[29], to: now).tasks.onTime)
        #expect(board.dailyOnTime.contains { $0 > 0 })
    }

    @Test func ratesAreTheReportsForTheirWindows() {
        let store = Self.store, now = Self.now
        let r = BoardFigures.compute(store, now: now).rates
        let w = BoardWindows(now: now)
        #expect(w.month.lowerBound == Timestamp.millis(year: 2026, month: 11, day: 1))
        #expect(w.year.lowerBound == Timestamp.millis(year: 2026, month: 1, day: 1))
        let month = PeriodReport.compute(store, from: w.month.lowerBound, to: now)
        let last30 = PeriodReport.compute(store, from: w.last30.lowerBound, to: now)
        let year = PeriodReport.compute(store, from: w.year.lowerBound, to: now)
        #expect(r.selfResolved == month.events.selfResolvedRate && r.selfResolved != nil)
        #expect(r.onTime == last30.tasks.onTimeRate)
        #expect(r.split == MediationTier.allCases.map { month.mediation.split[$0] ?? nil })
        #expect(r.resolved == month.mediation.resolved && r.resolved > 0)
        #expect(r.satisfaction == month.satisfaction.rate && r.surveyed == month.satisfaction.surveyed)
        #expect(r.noticesThisYear == NoticeType.allCases.map { year.notices.byType[$0] ?? 0 })
        #expect(r.repliesOverdue == HeaderFigure.overdueReplies.count(store, now: now))
    }

    @Test func nowFiguresAgreeWithTheConsolesLists() {
        let store = Self.store, now = Self.now
        let board = BoardFigures.compute(store, now: now)
        let late = NeedsAction.lateEvents(store, now: now, signingLimits: AlertRuleConfig.default.signingLimits)
        #expect(board.district.lateSigning == late.count)
        #expect(board.towns.map(\.lateSigning).reduce(0, +) == late.count)
        let open = (0..<Int32(store.count(.event))).filter { store.current(.event, $0).eventStatus == .open }
        #expect(board.district.openNow == open.count)
        #expect(board.towns.map(\.openNow).reduce(0, +) == open.count)
        #expect(board.district.mediationOpen == store.aggregates.openCasesByTime.count)
        // The `/open` filter (待处置) of a town lists that town's open events.
        let rows = PaneRows()
        for (i, town) in District.towns.enumerated() where i % 4 == 0 {
            let filter = PaneFilter("town:\(town.short) open")
            #expect(rows.count(.events, store: store, filter: filter) == board.towns[i].openNow, "\(town.name)")
        }
    }

    /// The numbers on screen are the figures: 锦屏's row at 200×60 reads its
    /// report figures in the table's order of columns.
    @Test func theScreenShowsTheReportsNumbers() {
        let store = Self.store, now = Self.now
        let w = BoardWindows(now: now)
        let today = PeriodReport.compute(store, from: w.today.lowerBound, to: now)
        var state = ConsoleState()
        state.mode = .board
        let grid = ConsoleView(store: store, paneRows: PaneRows(), badge: .live).render(state, width: 200, height: 60)
        let row = grid.lines.first { $0.contains("┃ 锦屏") } ?? ""
        let numbers = row.split(whereSeparator: { $0 == " " || $0 == "┃" || "░▒▓".contains($0) }).dropFirst()
        #expect(numbers.first.map(String.init) == String(today.towns[0].events))
        #expect(numbers.dropFirst(2).first.map(String.init) == String(today.towns[0].overdueNow))
    }
}
