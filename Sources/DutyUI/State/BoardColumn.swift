/// A column of the situation board's town table, in the order shown. The
/// figures behind each are `BoardFigures.TownRow`'s; what each means is said
/// there and in the README's board section.
public enum BoardColumn: Int, CaseIterable, Sendable {
    /// The town (sorted by it: the district's order).
    case town
    /// 今日事件: events first reported today (`PeriodReport` over today).
    case eventsToday
    /// 在办: events open now.
    case openNow
    /// 超期: tasks overdue now (the console's one definition).
    case overdue
    /// 超时未处置: events open past their signing limit now.
    case lateSigning
    /// 今日执法: today's events that became enforcement cases (`PeriodReport`).
    case enforcementToday
    /// 矛调在办: mediation cases being mediated now.
    case mediationOpen
    /// 按时率: tasks done on time over 30 days (`PeriodReport`).
    case onTime30

    /// The label-table key of its title (`col.board_…`); the short form is `…_short`.
    var labelKey: String {
        switch self {
        case .town: "town"
        case .eventsToday: "board_events"
        case .openNow: "board_open"
        case .overdue: "board_overdue"
        case .lateSigning: "board_late"
        case .enforcementToday: "board_enforcement"
        case .mediationOpen: "board_mediation"
        case .onTime30: "board_on_time"
        }
    }

    /// When sorting by it starts: most first for counts (where the work
    /// is), lowest first for the rate (where it falls short), the district's
    /// own order for towns.
    var startsDescending: Bool { self != .town && self != .onTime30 }

    /// Which columns give way first when the screen is narrow (first the
    /// ones derived from others, last the counts of what is late now).
    static let dropOrder: [BoardColumn] = [.enforcementToday, .mediationOpen, .openNow, .onTime30, .lateSigning]
}
