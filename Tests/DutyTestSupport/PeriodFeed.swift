/// The hand-made feed of the period report's tests (issue 14): a period of
/// two days, [2026-12-01 00:00, 2026-12-03 00:00) at +08:00, with items
/// before it, in it, after it, and items whose later snapshots fall after
/// its end, so every definition is exercised. The figures are worked out by
/// hand in `PeriodReportTests`; the comments here say what each item is for.
public enum PeriodFeed {
    public static let from = "2026-12-01T00:00:00+08:00"
    public static let to = "2026-12-03T00:00:00+08:00"

    static func event(_ id: String, _ ts: String, _ source: String, _ town: String, _ domain: String, _ status: String,
                      satisfied: String? = nil) -> String {
        #"{"kind":"event","id":"\#(id)","ts":"\#(ts)","town":"\#(town)","grid":"G-01-01","domain":"\#(domain)","priority":2,"source":"\#(source)","title":"占道经营","status":"\#(status)""#
            + (satisfied.map { #","satisfied":\#($0)"# } ?? "") + "}"
    }

    static func task(_ id: String, _ ts: String, event: String?, _ type: String, _ town: String, due: String, _ status: String,
                     reason: String? = nil) -> String {
        let ev = event.map { "\"\($0)\"" } ?? "null"
        return #"{"kind":"task","id":"\#(id)","ts":"\#(ts)","event":\#(ev),"type":"\#(type)","unit":"\#(town)综合行政执法中队","town":"\#(town)","due":"\#(due)","status":"\#(status)""#
            + (reason.map { #","reason":"\#($0)""# } ?? "") + "}"
    }

    static func mediation(_ id: String, _ ts: String, _ town: String, _ tier: String, _ status: String) -> String {
        #"{"kind":"mediation","id":"\#(id)","ts":"\#(ts)","town":"\#(town)","category":"邻里","tier":"\#(tier)","status":"\#(status)"}"#
    }

    static func notice(_ id: String, _ ts: String, _ type: String, due: String?, _ status: String) -> String {
        let replied = status == "replied" || status == "closed" ? #","reply":"已处置","replied_by":"张队""# : ""
        return NoticeLine.make(id, ts, type: "\"\(type)\"", number: "\"\(id)号\"", refs: "[]",
                               due: due.map { "\"\($0)\"" } ?? "null", status: "\"\(status)\"", extra: replied)
    }

    static func t(_ dayTime: String) -> String { "2026-" + dayTime + "+08:00" }

    public static let lines: [String] = [
        // E0: first reported before the period: not counted (its enforcement task T0 neither).
        event("E0", t("11-30T23:59:59"), "grid", "锦屏街道", "市容环境", "dispatched"),
        // E1: grid, 锦屏, closed by the end; enforcement (T1 is joint).
        event("E1", t("12-01T09:00:00"), "grid", "锦屏街道", "市容环境", "open"),
        event("E1", t("12-01T09:30:00"), "grid", "锦屏街道", "市容环境", "dispatched"),
        event("E1", t("12-02T15:00:00"), "grid", "锦屏街道", "市容环境", "closed"),
        // E2: public, 溪口, settled on the spot, satisfied.
        event("E2", t("12-01T10:00:00"), "public", "溪口镇", "新业态", "self_resolved", satisfied: "true"),
        // E3: hotline, 溪口, settled later, not satisfied (the first snapshot has no call).
        event("E3", t("12-01T11:00:00"), "hotline", "溪口镇", "市容环境", "open"),
        event("E3", t("12-01T11:30:00"), "hotline", "溪口镇", "市容环境", "self_resolved", satisfied: "false"),
        // E4: petition, 锦屏, dispatched; enforcement (T4 inspection) and a general task T5.
        event("E4", t("12-02T08:00:00"), "petition", "锦屏街道", "违法建设", "open"),
        event("E4", t("12-02T09:00:00"), "petition", "锦屏街道", "违法建设", "dispatched"),
        // E5: sensor, 松岙, open at the end: settled and surveyed only after `to`.
        event("E5", t("12-02T20:00:00"), "sensor", "松岙镇", "消防安全", "open"),
        event("E5", t("12-03T08:00:00"), "sensor", "松岙镇", "消防安全", "self_resolved", satisfied: "true"),
        // E6: petition, 大堰: a general task (T6), and an enforcement task (T7) only after `to`: not enforcement.
        event("E6", t("12-02T21:00:00"), "petition", "大堰镇", "违法建设", "dispatched"),
        // E7: first reported at `to` exactly: not in the period.
        event("E7", t("12-03T00:00:00"), "grid", "锦屏街道", "市容环境", "open"),
        // E8: a referral from outside the 12 towns and the 11 domains, 0.5 ms before the end: counted, in no town row.
        event("E8", "2026-12-02T23:59:59.9995+08:00", "referral", "外区", "其他", "cancelled"),

        // T9: dispatched before the period, never updated, due long past: overdue at the end (溪口).
        task("T9", t("11-29T10:00:00"), event: nil, "general", "溪口镇", due: t("11-30T10:00:00"), "signed"),
        // T0: before the period, done in it (a day's `done` only).
        task("T0", t("11-30T23:00:00"), event: "E0", "joint", "锦屏街道", due: t("12-01T10:00:00"), "dispatched"),
        task("T0", t("12-01T12:00:00"), event: "E0", "joint", "锦屏街道", due: t("12-01T10:00:00"), "done"),
        // T1: done on time (16:00 ≤ 17:00); a second `done` later and past a new due does not change that.
        task("T1", t("12-01T09:30:00"), event: "E1", "joint", "锦屏街道", due: t("12-01T17:00:00"), "dispatched"),
        task("T1", t("12-01T16:00:00"), event: "E1", "joint", "锦屏街道", due: t("12-01T17:00:00"), "done"),
        task("T1", t("12-02T10:00:00"), event: "E1", "joint", "锦屏街道", due: t("12-02T09:00:00"), "done"),
        // T8: no event, done exactly at its due: on time.
        task("T8", t("12-01T14:00:00"), event: nil, "campaign", "松岙镇", due: t("12-01T18:00:00"), "dispatched"),
        task("T8", t("12-01T18:00:00"), event: nil, "campaign", "松岙镇", due: t("12-01T18:00:00"), "done"),
        // T4: done late (13:00 > 12:00).
        task("T4", t("12-02T09:00:00"), event: "E4", "inspection", "锦屏街道", due: t("12-02T12:00:00"), "dispatched"),
        task("T4", t("12-02T13:00:00"), event: "E4", "inspection", "锦屏街道", due: t("12-02T12:00:00"), "done"),
        // T5: general, returned twice: the first reason counts.
        task("T5", t("12-02T09:05:00"), event: "E4", "general", "锦屏街道", due: t("12-02T18:00:00"), "dispatched"),
        task("T5", t("12-02T10:00:00"), event: "E4", "general", "锦屏街道", due: t("12-02T18:00:00"), "returned", reason: "属地不符"),
        task("T5", t("12-02T11:00:00"), event: "E4", "general", "锦屏街道", due: t("12-02T18:00:00"), "returned", reason: "权属不清"),
        // T10: a referral naming an event no feed carried; returned.
        task("T10", t("12-02T10:00:00"), event: "E-none", "referral", "江口街道", due: t("12-02T12:00:00"), "dispatched"),
        task("T10", t("12-02T11:00:00"), event: "E-none", "referral", "江口街道", due: t("12-02T12:00:00"), "returned", reason: "职能交叉"),
        // T6: general, due 23:00 and still dispatched at the end: overdue (大堰); done only after `to`.
        task("T6", t("12-02T21:30:00"), event: "E6", "general", "大堰镇", due: t("12-02T23:00:00"), "dispatched"),
        task("T6", t("12-03T01:00:00"), event: "E6", "general", "大堰镇", due: t("12-02T23:00:00"), "done"),
        // T7: an enforcement task for E6 dispatched after the end: not counted anywhere.
        task("T7", t("12-03T09:00:00"), event: "E6", "joint", "大堰镇", due: t("12-03T12:00:00"), "dispatched"),

        // M5: before the period.
        mediation("M5", t("11-30T10:00:00"), "溪口镇", "village", "resolved"),
        // M1: resolved at the village tier (溪口).
        mediation("M1", t("12-01T09:00:00"), "溪口镇", "village", "accepted"),
        mediation("M1", t("12-01T15:00:00"), "溪口镇", "village", "resolved"),
        // M2: escalated to the town tier and resolved there: counted at the tier of its state (锦屏).
        mediation("M2", t("12-01T10:00:00"), "锦屏街道", "village", "accepted"),
        mediation("M2", t("12-01T12:00:00"), "锦屏街道", "town", "escalated"),
        mediation("M2", t("12-02T10:00:00"), "锦屏街道", "town", "resolved"),
        // M3: district tier, resolved (锦屏).
        mediation("M3", t("12-02T10:00:00"), "锦屏街道", "district", "resolved"),
        // M4: resolved only after the end.
        mediation("M4", t("12-02T11:00:00"), "溪口镇", "village", "mediating"),
        mediation("M4", t("12-03T10:00:00"), "溪口镇", "village", "resolved"),

        // N5: before the period.
        notice("N5", t("11-30T10:00:00"), "supervision", due: t("12-01T18:00:00"), "issued"),
        // N1: replied before its due.
        notice("N1", t("12-01T10:00:00"), "risk_notice", due: t("12-06T18:00:00"), "issued"),
        notice("N1", t("12-02T09:00:00"), "risk_notice", due: t("12-06T18:00:00"), "replied"),
        // N2: replied after its due, then closed: not on time.
        notice("N2", t("12-01T11:00:00"), "supervision", due: t("12-01T12:00:00"), "issued"),
        notice("N2", t("12-01T13:00:00"), "supervision", due: t("12-01T12:00:00"), "replied"),
        notice("N2", t("12-02T08:00:00"), "supervision", due: t("12-01T12:00:00"), "closed"),
        // N3: a bulletin asking no reply, replied all the same: a null due never counts.
        notice("N3", t("12-02T10:00:00"), "bulletin", due: nil, "issued"),
        notice("N3", t("12-02T11:00:00"), "bulletin", due: nil, "replied"),
        // N4: replied only after the end.
        notice("N4", t("12-02T12:00:00"), "supervision", due: t("12-02T18:00:00"), "issued"),
        notice("N4", t("12-03T09:00:00"), "supervision", due: t("12-02T18:00:00"), "replied"),
        // A1: an alert of the old type `supervision`: not a notice.
        #"{"kind":"alert","id":"A1","ts":"2026-12-01T10:00:00+08:00","level":"critical","type":"supervision","title":"督办","status":"open"}"#,
    ]
}
