/// The figures of the header's second line, each with the list it counts:
/// the count comes from an aggregate (cheap, every frame) and the list from
/// the same index or rule, so that a count and its list always agree (the
/// tests check it over generated days at random moments).
public enum HeaderFigure: Int, CaseIterable, Sendable {
    /// 受理: events first reported today.
    case intake
    /// 转派: tasks dispatched today (first reported today).
    case dispatched
    /// 结案: events whose current state is closed or settled on the spot,
    /// reached today.
    case closed
    /// 超期: tasks their unit still owes past due (`Aggregates.overdueTasks`).
    case overdue
    /// 未确认告警: alerts whose status is `open`.
    case unacked
    /// 错误行: feed lines refused (the list holds the latest
    /// `Store.quarantineLimit`; the count is every one since start).
    case badLines
    /// 待回复: notices issued that ask a reply by a due time (`Aggregates.noticeRepliesByDue`).
    case awaitingReply
    /// 逾期未回复: of those, the ones whose reply is past due (`Aggregates.overdueNoticeReplies`).
    case overdueReplies

    /// The figure's label key in the UI table ("ui.intake" …).
    public var labelKey: String {
        switch self {
        case .intake: "intake"
        case .dispatched: "dispatched"
        case .closed: "closed"
        case .overdue: "overdue"
        case .unacked: "unacked"
        case .badLines: "quarantined"
        case .awaitingReply: "awaiting_reply"
        case .overdueReplies: "overdue_replies"
        }
    }

    /// The figure as the header shows it.
    public func count(_ store: Store, now: Millis) -> Int {
        let a = store.aggregates
        switch self {
        case .intake: return a.eventsByTime.count(in: LocalTime.today(now))
        case .dispatched: return a.tasksByFirstReport.count(in: LocalTime.today(now))
        case .closed: return a.settledEventsByTime.count(in: LocalTime.today(now))
        case .overdue: return a.overdueTasks(now: now)
        case .unacked: return a.openAlertsByLevel.reduce(0, +)
        case .badLines: return store.quarantinedTotal
        case .awaitingReply: return a.noticeRepliesByDue.count
        case .overdueReplies: return a.overdueNoticeReplies(now: now)
        }
    }

    /// The items the figure counts, in the order a list shows them (newest
    /// first; overdue tasks most overdue first; alerts critical first; notices
    /// by reply due, the earliest first). Bad
    /// lines are not items: see `Store.quarantine`.
    public func items(_ store: Store, now: Millis) -> [ItemRef] {
        let a = store.aggregates
        switch self {
        case .intake:
            return a.eventsByTime.entries(in: LocalTime.today(now), descending: true).map { ItemRef(.event, $0.item) }
        case .dispatched:
            return a.tasksByFirstReport.entries(in: LocalTime.today(now), descending: true).map { ItemRef(.task, $0.item) }
        case .closed:
            return a.settledEventsByTime.entries(in: LocalTime.today(now), descending: true).map { ItemRef(.event, $0.item) }
        case .overdue:
            return a.openTasksByDue.entries(from: 0, limit: a.overdueTasks(now: now)).map { ItemRef(.task, $0.item) }
        case .unacked:
            return a.activeAlerts.entries(from: 0, limit: a.activeAlerts.count, descending: true)
                .filter { store.current(.alert, $0.item).alertStatus == .open }
                .map { ItemRef(.alert, $0.item) }
        case .badLines:
            return []
        case .awaitingReply:
            return a.noticeRepliesByDue.entries(from: 0, limit: a.noticeRepliesByDue.count).map { ItemRef(.notice, $0.item) }
        case .overdueReplies:
            return a.noticeRepliesByDue.entries(from: 0, limit: a.overdueNoticeReplies(now: now)).map { ItemRef(.notice, $0.item) }
        }
    }
}
