import ArgumentParser
import DutyCore
import DutyDB
import DutyUI

/// `dutydesk alerts`: the unresolved alerts at a time — feed alerts and the
/// console's own rules, with the acknowledgements, snoozes and resolves of
/// the journal — as every console shows them at that time.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Ingest feeds and the journal and list the unresolved alerts at a time (--json: JSON Lines)."
    )

    @Option(help: "The time that counts as now (RFC 3339); default: the latest ts ingested.")
    var at: TimeArgument?

    @Flag(help: "One JSON object per line: id, type, level, status (open, acked, snoozed), ref, since, until.")
    var json = false

    @Option(help: "Language of the table: zh or en.")
    var lang: Language = .zh

    @Argument(help: "Feed files or directories of *.jsonl (a folder's operator-journal.jsonl included).")
    var paths: [String] = []

    @OptionGroup var source: LogSourceOptions
    var db: String? { source.db }
    var town: String? { source.town }

    func validate() throws {
        try DatabaseFeed.validate(paths: paths, db: db, town: town)
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        let store = Store(clock: at.map { .fixed($0.millis) } ?? .eventTime)
        let tailer = FeedTailer(paths: paths)
        if let db {
            _ = try DatabaseFeed.load(try DatabaseOptions.parse(db), town: town, into: store, language: nil)
        } else {
            var sink = store
            tailer.poll(into: &sink)
            tailer.finish(into: &sink)
        }
        for problem in tailer.oneShotProblems { Output.error(problem) }
        let now = store.now
        let alerts = AlertStanding.evaluate(store, at: now)
        if json {
            for a in alerts { Output.line(a.json) }
        } else {
            for line in Self.table(alerts, lang) { Output.line(line) }
        }
        Output.flush()
        if store.quarantinedTotal > 0 {
            Output.error("\(store.quarantinedTotal) line(s) quarantined; `dutydesk check` lists them")
        }
        if !tailer.oneShotProblems.isEmpty { throw ExitCode(2) }
    }

    /// A readable table, columns aligned by display width (Chinese is two
    /// cells wide), titles last so that a long one only runs past the edge.
    static func table(_ alerts: [AlertStanding], _ lang: Language) -> [String] {
        let c = { (key: String) in ConsoleLabels.of("col", key).text(lang) }
        var rows = [[c("level"), c("time"), c("type"), c("status"), c("id"), c("title")]]
        for a in alerts {
            rows.append([a.level.label.text(lang), LocalTime.dayClock(a.since),
                         Labels.of("alert.type", a.type).text(lang), a.statusLabel.text(lang), a.id, a.title])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for r in rows { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        var out = rows.map { r in
            r.enumerated().map { i, cell in
                i == r.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
            }.joined(separator: "  ")
        }
        out.append(lang == .zh ? "共 \(alerts.count) 条未解除告警" : "\(alerts.count) unresolved alert(s)")
        return out
    }
}
