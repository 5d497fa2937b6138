import Foundation

/// Hand-made feed lines for tests, one builder per kind, so a test names only
/// the fields it is about and every other field is the same valid value
/// everywhere. The text is exactly what a feed writer would put on a line
/// (fields in the schema's order, no spaces), which the CLI tests rely on.
public enum Line {
    public static func event(_ id: String, _ ts: String, status: String = "open", priority: String = "2",
                             town: String = "锦屏街道", grid: String = "JP-03-12", domain: String = "市容环境",
                             source: String = "grid", title: String = "占道经营", extra: String = "") -> String {
        #"{"kind":"event","id":"\#(id)","ts":"\#(ts)","town":"\#(town)","grid":"\#(grid)","domain":"\#(domain)","priority":\#(priority),"source":"\#(source)","title":"\#(title)","status":"\#(status)"\#(extra)}"#
    }

    public static func task(_ id: String, _ ts: String, due: String, status: String = "dispatched",
                            unit: String = "锦屏街道综合行政执法中队", event: String = "\"E1\"") -> String {
        #"{"kind":"task","id":"\#(id)","ts":"\#(ts)","event":\#(event),"type":"empowered","unit":"\#(unit)","town":"锦屏街道","due":"\#(due)","status":"\#(status)"}"#
    }

    public static func mediation(_ id: String, _ ts: String, tier: String, status: String) -> String {
        #"{"kind":"mediation","id":"\#(id)","ts":"\#(ts)","town":"溪口镇","category":"邻里","tier":"\#(tier)","status":"\#(status)"}"#
    }

    public static func alert(_ id: String, _ ts: String, level: String = "warning", status: String = "open") -> String {
        #"{"kind":"alert","id":"\#(id)","ts":"\#(ts)","level":"\#(level)","type":"risk_notice","title":"风险提示","status":"\#(status)"}"#
    }

    /// `date` in RFC 3339 at +08:00, as the district's feeds write times:
    /// for lines a live console must see as recent.
    public static func time(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return f.string(from: date)
    }
}
