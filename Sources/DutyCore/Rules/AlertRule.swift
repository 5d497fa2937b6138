/// Spans in milliseconds, for the table above and the rules' arithmetic.
let msMinute: Millis = 60_000
let msHour: Millis = 3_600_000
let msDay: Millis = 86_400_000

/// The rules and their alert types, levels and id prefixes. Ids are
/// `R-<type>-<item or window>`, deterministic so that two consoles, or a
/// replay, write the same alert once (the store dedupes exact duplicates).
public enum AlertRule: String, Sendable, CaseIterable {
    case lateSigning = "late_signing"
    case prewarning
    case overdue
    case supervision
    case bulletin
    case cluster
    case tierDrift = "tier_drift"
    case feedQuiet = "feed_quiet"
    case feedErrors = "feed_errors"

    public var type: String { rawValue }

    public var level: AlertLevel { self == .supervision || self == .bulletin ? .critical : .warning }

    /// The alert id for a rule and the item or window it concerns, at most
    /// 64 bytes: a long key (an upstream grid code, say) is replaced by a hash.
    public static func id(_ rule: AlertRule, _ key: String) -> String {
        let id = "R-" + rule.rawValue + "-" + key
        if id.utf8.count <= 64 { return id }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a: stable across runs and platforms
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return "R-" + rule.rawValue + "-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A compact local (+08:00) time for ids: `20261128T091502`.
    static func stamp(_ t: Millis) -> String {
        let c = Timestamp.civil(t, offsetMinutes: Aggregates.localOffsetMinutes)
        return "\(c.year)" + Timestamp.pad(c.month, 2) + Timestamp.pad(c.day, 2) + "T"
            + Timestamp.pad(c.hour, 2) + Timestamp.pad(c.minute, 2) + Timestamp.pad(c.second, 2)
    }

    /// A local date for ids: `20261128`.
    static func date(_ t: Millis) -> String { String(stamp(t).prefix(8)) }

    /// "15分钟", "4小时", "5天": limits in titles.
    static func span(_ ms: Millis) -> String {
        if ms % msDay == 0 { return "\(ms / msDay)天" }
        if ms % msHour == 0 { return "\(ms / msHour)小时" }
        return "\(ms / msMinute)分钟"
    }
}
