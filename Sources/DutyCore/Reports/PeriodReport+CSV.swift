/// `dutydesk report --format csv`: the town table, or (`--daily`) the
/// daily table, as RFC 4180 CSV (a line break after each row, fields quoted when they
/// hold a comma, a quote or a line break). Rates are fractions of 4
/// decimals as in the JSON, empty when there is none; the header is in
/// the chosen language.
extension PeriodReport {
    public func townsCSV(language: Language = .zh) -> String {
        let w = PeriodReportWords.self
        var rows = [[w.town, w.events, w.enforcement, w.tasks, w.onTimeRateColumn, w.overdueNow, w.mediationResolved].map { $0.text(language) }]
        for t in towns {
            rows.append([Self.visible(t.town), "\(t.events)", "\(t.enforcement)", "\(t.tasks)",
                         t.onTimeRate.map(JSONObjectWriter.decimal) ?? "", "\(t.overdueNow)", "\(t.mediationResolved)"])
        }
        return Self.csv(rows)
    }

    public func dailyCSV(language: Language = .zh) -> String {
        let w = PeriodReportWords.self
        var rows = [[w.date, w.events, w.dispatched, w.doneDaily].map { $0.text(language) }]
        for d in daily { rows.append([d.date, "\(d.events)", "\(d.tasks)", "\(d.done)"]) }
        return Self.csv(rows)
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    private static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    private static func visible(_ s: String) -> String { Sanitize.isClean(s) ? s : Sanitize.visible(s) }
}
