import DutyCore

/// Everything the situation board shows, computed at one instant. The period
/// figures are `PeriodReport`'s for the board's windows (`BoardWindows`), so
/// the board and `dutydesk report` never disagree; what is "now" (open
/// events, late signing, open mediation) is read from the current state by
/// the console's own definitions. Computed by `BoardFigureCache`, at most
/// about once a second: a frame only draws it.
public struct BoardFigures: Equatable, Sendable {
    /// One town's row (a `District.towns` entry), or the district's total.
    public struct TownRow: Equatable, Sendable {
        /// Index into `District.towns` (-1: the whole district).
        public var town: Int
        public var name: String
        /// 今日事件: the town's events first reported today (`TownFigures.events`, today).
        public var eventsToday = 0
        /// 待处置: events whose status is `open` now (the `/open` filter's events).
        public var openNow = 0
        /// 超期: tasks overdue now (`TownFigures.overdueNow`, today's report: `to` is now).
        public var overdue = 0
        /// 超时未处置: events open past their signing limit (`NeedsAction.lateEvents`).
        public var lateSigning = 0
        /// 今日执法: today's events that became enforcement (`TownFigures.enforcement`, today).
        public var enforcementToday = 0
        /// 矛调在办: mediation cases accepted, mediating or escalated now.
        public var mediationOpen = 0
        /// 按时率: `TownFigures.onTimeRate` over the last 30 days (nil: nothing done).
        public var onTime30: Double?

        public init(town: Int, name: String) { self.town = town; self.name = name }

        /// The value a column shows and sorts by (nil: no rate).
        public func value(_ column: BoardColumn) -> Double? {
            switch column {
            case .town: Double(town)
            case .eventsToday: Double(eventsToday)
            case .openNow: Double(openNow)
            case .overdue: Double(overdue)
            case .lateSigning: Double(lateSigning)
            case .enforcementToday: Double(enforcementToday)
            case .mediationOpen: Double(mediationOpen)
            case .onTime30: onTime30
            }
        }
    }

    /// When the figures were computed (the store's now).
    public var at: Millis
    public var windows: BoardWindows
    /// The 12 towns, in the district's order.
    public var towns: [TownRow]
    /// 全区: the district's own figures (its rate is the district's, not an average).
    public var district: TownRow
    /// Events per hour, the last 24 hours (the current, partial hour last).
    public var hourly: [Int]
    /// The first hour's start.
    public var hourlyStart: Millis
    /// Per day of the last 30 (+08:00 days, today last): events first reported,
    /// and tasks dispatched that day done on time (as of now).
    public var days: [String]
    public var dailyEvents: [Int]
    public var dailyOnTime: [Int]
    /// The rates against their targets.
    public var rates: BoardRates

    /// The rows in the order the board shows them: by the sort column (a
    /// town without a rate last, whatever the order), ties in district order.
    public func order(_ state: BoardState) -> [TownRow] {
        guard state.sort != .town else { return state.descending ? towns.reversed() : towns }
        return towns.sorted { a, b in
            switch (a.value(state.sort), b.value(state.sort)) {
            case (nil, nil): return a.town < b.town
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?):
                if x != y { return state.descending ? x > y : x < y }
                return a.town < b.town
            }
        }
    }
}
