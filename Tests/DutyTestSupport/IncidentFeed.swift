import DutyCore

/// One incident of 2026-12-04 by hand, for the incident view's tests in the
/// core and the console: event SJ-20261204-0042 dispatched to 锦屏, returned
/// there with 权属不清, re-dispatched to 江口 (now overdue); a 督办单 naming
/// the event and a rule alert naming the second task. Around it, what must
/// stay out: another event with its own task and alert, two tasks of an
/// event the feeds never carried, a mediation case with an alert, and an
/// alert naming a task nobody sent.
public enum IncidentFeed {
    public static let event = "SJ-20261204-0042"
    public static let returnedTask = "ZF-20261204-0003"
    public static let redispatchedTask = "ZF-20261204-0005"
    public static let eventAlert = "DB-2026-007"
    public static let taskAlert = "R-overdue-ZF-20261204-0005"
    public static let otherEvent = "SJ-20261204-0050"
    public static let missingEvent = "SJ-20261203-0999"
    public static let orphanTasks = ["ZF-20261204-0009", "ZF-20261204-0010"]
    public static let mediation = "TJ-20261204-0001"
    public static let strayAlert = "R-overdue-ZF-20261204-9999"

    /// "Now" for the tests: 14:00, so the re-dispatched task (due 12:20) is
    /// 1h40m overdue and the orphan task (due 16:10) has 2h10m left.
    public static let now = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 14)

    static func t(_ hhmm: String) -> String { "2026-12-04T\(hhmm):00+08:00" }

    static func event(_ id: String, _ ts: String, _ status: String, by: String, title: String = "占道经营") -> String {
        #"{"kind":"event","id":"\#(id)","ts":"\#(t(ts))","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"grid","title":"\#(title)","status":"\#(status)","reporter":"王海燕","by":"\#(by)"}"#
    }

    static func task(_ id: String, _ ts: String, event: String, unit: String, due: String, _ status: String,
                     by: String, extra: String = "") -> String {
        #"{"kind":"task","id":"\#(id)","ts":"\#(t(ts))","event":"\#(event)","type":"empowered","unit":"\#(unit)","town":"锦屏街道","due":"\#(t(due))","status":"\#(status)","by":"\#(by)"\#(extra)}"#
    }

    static func alert(_ id: String, _ ts: String, type: String, level: String, title: String, ref: String, _ status: String) -> String {
        #"{"kind":"alert","id":"\#(id)","ts":"\#(t(ts))","level":"\#(level)","type":"\#(type)","title":"\#(title)","status":"\#(status)","ref":"\#(ref)"}"#
    }

    public static let lines: [String] = [
        event(event, "09:15", "open", by: "王海燕"),
        event(event, "09:30", "dispatched", by: "值班员甲"),
        task(returnedTask, "09:30", event: event, unit: "锦屏街道综合行政执法中队", due: "13:30", "dispatched", by: "值班员甲"),
        task(returnedTask, "10:05", event: event, unit: "锦屏街道综合行政执法中队", due: "13:30", "returned", by: "李强",
             extra: #","reason":"权属不清""#),
        event(event, "10:05", "open", by: "李强"),
        event(event, "10:20", "dispatched", by: "值班员甲"),
        task(redispatchedTask, "10:20", event: event, unit: "江口街道综合行政执法中队", due: "12:20", "dispatched", by: "值班员甲"),
        task(redispatchedTask, "10:40", event: event, unit: "江口街道综合行政执法中队", due: "12:20", "signed", by: "张伟"),
        alert(eventAlert, "11:00", type: "supervision", level: "critical", title: "执法督办单：请限期办结", ref: "event:" + event, "open"),
        alert(taskAlert, "12:20", type: "overdue", level: "warning", title: "任务超期", ref: "task:" + redispatchedTask, "open"),
        alert(taskAlert, "12:45", type: "overdue", level: "warning", title: "任务超期", ref: "task:" + redispatchedTask, "acked"),
        // Not of this incident.
        event(otherEvent, "09:40", "dispatched", by: "值班员乙", title: "噪声扰民"),
        task("ZF-20261204-0007", "09:40", event: otherEvent, unit: "岳林街道综合行政执法中队", due: "13:40", "done", by: "值班员乙",
             extra: #","outcome":"rectified""#),
        alert("R-late_signing-SJ-20261204-0050", "09:50", type: "late_signing", level: "warning", title: "签收超时",
              ref: "event:" + otherEvent, "resolved"),
        task(orphanTasks[0], "12:10", event: missingEvent, unit: "溪口镇综合行政执法中队", due: "16:10", "dispatched", by: "值班员甲"),
        task(orphanTasks[1], "12:30", event: missingEvent, unit: "溪口镇综合行政执法中队", due: "18:30", "signed", by: "值班员甲"),
        #"{"kind":"mediation","id":"\#(mediation)","ts":"\#(t("09:00"))","town":"溪口镇","category":"邻里","tier":"village","status":"mediating"}"#,
        alert("R-tier-TJ-20261204-0001", "11:30", type: "cluster", level: "info", title: "调解提示", ref: "mediation:" + mediation, "open"),
        alert(strayAlert, "13:00", type: "overdue", level: "warning", title: "任务超期", ref: "task:ZF-20261204-9999", "open"),
    ]

    /// The lines ingested into a store whose clock stands at `now`.
    public static func store() -> Store {
        let store = Store(clock: .fixed(now))
        for (n, line) in lines.enumerated() {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "incident.jsonl", lineNumber: n + 1, offset: 0) }
        }
        return store
    }
}
