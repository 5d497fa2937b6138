import DutyCore

/// The situation board's figures, kept between frames so that a frame only
/// draws. They are refreshed when the store changed (records, or the clock
/// moved on by a second), and then at most once per interval of wall time:
/// `minimumInterval`, or three times what the last refresh took, whichever
/// is longer, so a huge store never keeps the console busy. A refresh that
/// took less than `cheap` is not held back at all: on a small store (the
/// demo) the board always agrees with the header drawn above it.
///
/// A refresh computes `PeriodReport`s a few at a time rather than the ~55 of
/// `BoardFigures.compute` (each a pass over the store, ~36 ms at a million
/// records): always today's and the current hour's; one of the period
/// windows (30 days, month, year, the 30 days' rows) in turn, or any whose
/// start moved (a new day, month, year); then the past hours' totals and the
/// days' on-time counts, those never computed first, then the least
/// recently refreshed, while the refresh is within `budget` (at least one).
/// So every figure is a report's, the figures of today are at most a
/// refresh old, and the trends at most a few refreshes old.
public final class BoardFigureCache {
    private struct Key: Equatable { var store: ObjectIdentifier; var records: Int; var second: Millis }
    private enum Period: CaseIterable { case last30, month, year, days }
    private enum Past: Hashable { case hour(Millis), day(Millis) }

    private var cached: (key: Key, figures: BoardFigures, wall: Millis)?
    private let minimumInterval: Millis
    private let budget: Millis
    private let cheap: Millis
    private let wall: () -> Millis
    private var interval: Millis

    private var storeID: ObjectIdentifier?
    private var periods: [Period: PeriodReport] = [:]
    private var turn = 0
    private var past: [Past: (value: Int, refreshed: Int)] = [:]
    private var serial = 0

    /// How many refreshes ran, and how many reports they computed (tests, bench).
    public private(set) var computations = 0
    public private(set) var reportsComputed = 0
    /// The wall time the last refresh took.
    public private(set) var lastRefreshMillis: Millis = 0

    /// `minimumInterval`: least wall time between two refreshes while the
    /// store keeps changing; `budget`: wall time a refresh may spend on the
    /// past windows beyond the first; `wall`: the wall clock in milliseconds.
    public init(minimumInterval: Millis = 0, budget: Millis = 100, cheap: Millis = 20, wall: @escaping () -> Millis = { 0 }) {
        self.minimumInterval = minimumInterval
        self.budget = budget
        self.cheap = cheap
        self.wall = wall
        interval = minimumInterval
    }

    /// The figures for the store as it is now (or as it was at most an interval ago).
    public func figures(_ store: Store) -> BoardFigures {
        let now = store.now
        let key = Key(store: ObjectIdentifier(store), records: store.records, second: now / TimeSpan.second)
        if let c = cached {
            if c.key == key { return c.figures }
            if c.key.store == key.store, interval > 0, wall() - c.wall < interval { return c.figures }
        }
        let start = wall()
        let figures = refresh(store, now: now)
        let end = wall()
        lastRefreshMillis = end - start
        interval = lastRefreshMillis < cheap ? 0 : max(minimumInterval, 3 * lastRefreshMillis)
        computations += 1
        cached = (key, figures, end)
        return figures
    }

    /// Forgets everything (the store was replaced by a seek).
    public func reset() {
        cached = nil; storeID = nil; periods = [:]; past = [:]
    }

    private func refresh(_ store: Store, now: Millis) -> BoardFigures {
        if storeID != ObjectIdentifier(store) {
            reset()
            storeID = ObjectIdentifier(store)
        }
        serial += 1
        let start = wall()
        let w = BoardWindows(now: now)
        func report(_ from: Millis, _ to: Millis) -> PeriodReport {
            reportsComputed += 1
            return PeriodReport.compute(store, from: from, to: to)
        }
        let today = report(w.today.lowerBound, now)
        let currentHour = report(w.hours[w.hours.count - 1], now).events.total

        let starts: [Period: Millis] = [.last30: w.last30.lowerBound, .month: w.month.lowerBound,
                                        .year: w.year.lowerBound, .days: w.days[0]]
        let inTurn = Period.allCases[turn % Period.allCases.count]
        turn += 1
        for period in Period.allCases {
            let from = starts[period]!
            // 30 days' start moves with now: refreshed in its turn only.
            let moved = period != .last30 && periods[period]?.from != from
            if periods[period] == nil || moved || period == inTurn { periods[period] = report(from, now) }
        }

        // The past: hours before the current one, days between the first and today.
        let wanted: [(Past, Millis)] = w.hours.dropLast().map { (.hour($0), $0) } + w.days.dropFirst().dropLast().map { (.day($0), $0) }
        let keep = Set(wanted.map(\.0))
        past = past.filter { keep.contains($0.key) }
        let order = wanted.sorted { (past[$0.0]?.refreshed ?? -1) < (past[$1.0]?.refreshed ?? -1) }
        var done = 0
        for (key, from) in order {
            let missing = past[key] == nil
            guard missing || done == 0 || wall() - start < budget else { continue }
            let value: Int
            switch key {
            case .hour: value = report(from, from + TimeSpan.hour).events.total
            case .day: value = report(from, now).tasks.onTime
            }
            past[key] = (value, serial)
            done += 1
        }

        let days = periods[.days]!
        let reports = BoardReports(
            today: today, last30: periods[.last30]!, month: periods[.month]!, year: periods[.year]!, days: days,
            hourly: w.hours.dropLast().map { past[.hour($0)]!.value } + [currentHour],
            onTimeFromDay: [days.tasks.onTime] + w.days.dropFirst().dropLast().map { past[.day($0)]!.value } + [today.tasks.onTime])
        return BoardFigures.assemble(store, now: now, reports)
    }
}
