import DutyCore

/// The periods the situation board reports over, all ending now, each a
/// `PeriodReport` window [from, to): today (since local midnight), the last
/// 30 days, this month and this year (from their first local midnight).
public struct BoardWindows: Equatable, Sendable {
    public var today: Range<Millis>
    public var last30: Range<Millis>
    public var month: Range<Millis>
    public var year: Range<Millis>
    /// Hour starts of the 24-hour trend: the current hour's start last.
    public var hours: [Millis]
    /// Day starts (+08:00) of the 30-day trends: today's last.
    public var days: [Millis]

    public init(now: Millis) {
        let midnight = LocalTime.midnight(now)
        let c = LocalTime.civil(now)
        today = midnight..<now
        last30 = (now - 30 * TimeSpan.day)..<now
        month = LocalTime.start(ofDay: LocalTime.dayNumber(now) - Int64(c.day - 1))..<now
        year = Timestamp.millis(year: c.year, month: 1, day: 1)..<now
        let hour = midnight + Millis(c.hour) * TimeSpan.hour
        hours = (0..<24).map { hour - Millis(23 - $0) * TimeSpan.hour }
        let day = LocalTime.dayNumber(now)
        days = (0..<30).map { LocalTime.start(ofDay: day - Int64(29 - $0)) }
    }
}
