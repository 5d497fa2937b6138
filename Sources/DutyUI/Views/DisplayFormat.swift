import DutyCore

/// How the console writes times, durations and symbols, in one place.
public enum DisplayFormat {
    /// "09:15", the district's local time (`LocalTime`; feeds may carry any offset).
    public static func clock(_ t: Millis) -> String { LocalTime.clock(t) }

    /// "09:15" for a time on the local day of `now`, "12-03 09:15" for any
    /// other: a list spanning days says which day each row is from.
    public static func time(_ t: Millis, now: Millis) -> String {
        LocalTime.dayNumber(t) == LocalTime.dayNumber(now) ? clock(t) : dayClock(t)
    }

    /// "09:15:02".
    public static func clockSeconds(_ t: Millis) -> String { LocalTime.clockSeconds(t) }

    /// "2026-11-28 周六" / "2026-11-28 Sat".
    public static func date(_ t: Millis, _ language: Language) -> String {
        let zh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return LocalTime.date(t) + " " + (language == .zh ? zh : en)[LocalTime.civil(t).weekday - 1]
    }

    /// "11-28 09:15" for timelines.
    public static func dayClock(_ t: Millis) -> String { LocalTime.dayClock(t) }

    /// A compact duration: "45s", "12m", "3h05m", "2d4h".
    public static func duration(_ ms: Millis) -> String {
        let s = max(0, ms / 1000)
        if s < 60 { return "\(s)s" }
        let m = s / 60
        if m < 60 { return "\(m)m" }
        let h = m / 60
        if h < 24 { return "\(h)h" + two(Int(m % 60)) + "m" }
        return "\(h / 24)d\(h % 24)h"
    }

    /// Priority as a symbol and digit, readable without colour: "■1" … "·4".
    public static func priority(_ p: UInt8) -> String {
        switch p {
        case 1: "■1"
        case 2: "▲2"
        case 3: "◆3"
        default: "·4"
        }
    }

    /// Alert level as a symbol, readable without colour.
    public static func level(_ l: AlertLevel) -> String {
        switch l {
        case .critical: "‼"
        case .warning: "!"
        case .info: "i"
        }
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
