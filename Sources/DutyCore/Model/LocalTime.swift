/// The district's wall clock, and every way the console writes it. Ningbo
/// keeps UTC+08:00 all year (China has no daylight saving), so local time is
/// one fixed offset and plain arithmetic on `Timestamp.civil`, not a zone
/// database or a Foundation formatter (those cost microseconds a call and
/// differ between platforms). Feeds may carry any offset; the console's own
/// records, its local days and everything it shows use this one.
///
/// Years are written with at least four digits, as in RFC 3339.
public enum LocalTime {
    /// +08:00 in minutes.
    public static let offsetMinutes: Int16 = 480
    /// How the offset is written in text meant for people.
    public static let offsetText = "+08:00"

    public typealias Fields = (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int)

    /// Wall-clock fields of `t` (weekday 1 = Monday … 7 = Sunday).
    public static func civil(_ t: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes) -> Fields {
        Timestamp.civil(t, offsetMinutes: offsetMinutes)
    }

    /// The local day of `t` as days since 1970-01-01 (floored, so an instant
    /// before the epoch is on a negative day). Per snapshot on the ingest's
    /// path: integer arithmetic only.
    @inline(__always)
    public static func dayNumber(_ t: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes) -> Int64 {
        let local = t + Millis(offsetMinutes) * TimeSpan.minute
        return local >= 0 ? local / TimeSpan.day : (local - (TimeSpan.day - 1)) / TimeSpan.day
    }

    /// The first millisecond of local day `day` (a `dayNumber`).
    public static func start(ofDay day: Int64, offsetMinutes: Int16 = LocalTime.offsetMinutes) -> Millis {
        day * TimeSpan.day - Millis(offsetMinutes) * TimeSpan.minute
    }

    /// Local midnight at the start of the day of `t`.
    public static func midnight(_ t: Millis) -> Millis { start(ofDay: dayNumber(t)) }

    /// The local day containing `now`, as a half-open range of instants.
    public static func today(_ now: Millis) -> Range<Millis> {
        let start = midnight(now)
        return start..<(start + TimeSpan.day)
    }

    /// `t` on the local date of `t` at `hour:minute` (seconds dropped).
    public static func at(hour: Int, minute: Int, onDayOf t: Millis) -> Millis {
        midnight(t) + Millis(hour) * TimeSpan.hour + Millis(minute) * TimeSpan.minute
    }

    /// "09:15", in `offsetMinutes` (the district's unless a record's own).
    public static func clock(_ t: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes) -> String {
        let c = civil(t, offsetMinutes: offsetMinutes)
        return two(c.hour) + ":" + two(c.minute)
    }

    /// "09:15:02".
    public static func clockSeconds(_ t: Millis) -> String {
        let c = civil(t)
        return two(c.hour) + ":" + two(c.minute) + ":" + two(c.second)
    }

    /// "11-28 09:15", for timelines and the handover.
    public static func dayClock(_ t: Millis) -> String {
        let c = civil(t)
        return two(c.month) + "-" + two(c.day) + " " + two(c.hour) + ":" + two(c.minute)
    }

    /// "2026-11-28".
    public static func date(_ t: Millis) -> String {
        let c = civil(t)
        return Timestamp.pad(c.year, 4) + "-" + two(c.month) + "-" + two(c.day)
    }

    /// "20261128", for ids (`ZF-20261128-0001`).
    public static func compactDate(_ t: Millis) -> String {
        let c = civil(t)
        return Timestamp.pad(c.year, 4) + two(c.month) + two(c.day)
    }

    /// "20261128T091502", for ids.
    public static func compactStamp(_ t: Millis) -> String {
        let c = civil(t)
        return Timestamp.pad(c.year, 4) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute) + two(c.second)
    }

    /// Two digits of 0…99.
    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
