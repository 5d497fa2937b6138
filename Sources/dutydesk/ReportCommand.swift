import ArgumentParser
import DutyCore
import DutyDB

/// The formats of `dutydesk report`.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable, Sendable { case md, json, csv }

/// `dutydesk report`: the figures of a period [--from, --to) — issue 14's
/// definitions, computed by `PeriodReport` — as Markdown, JSON or CSV, on
/// stdout or into a new file. Bad feed lines are named on stderr and never
/// stop the report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Ingest feeds and print the figures of the period [--from, --to) as Markdown, JSON or CSV."
    )

    @Option(help: "Start of the period, included (RFC 3339).")
    var from: TimeArgument

    @Option(help: "End of the period, excluded (RFC 3339).")
    var to: TimeArgument

    @Option(help: "md (a report to read), json (every figure), csv (the town table; --daily: the daily table).")
    var format: ReportFormat = .md

    @Flag(help: "With --format csv: the daily table instead of the town table.")
    var daily = false

    @Option(help: "Write to this new file (never overwritten, never through a symlink) instead of stdout.")
    var out: String?

    @Option(help: "Language of the Markdown and the CSV header: zh or en (JSON keys are English).")
    var lang: Language = .zh

    @Argument(help: "Feed files or directories of *.jsonl.")
    var paths: [String] = []

    @OptionGroup var source: LogSourceOptions
    var db: String? { source.db }
    var town: String? { source.town }

    func validate() throws {
        try DatabaseFeed.validate(paths: paths, db: db, town: town)
        if from.millis >= to.millis { throw ValidationError("--from must be before --to") }
        if daily && format != .csv { throw ValidationError("--daily goes with --format csv (JSON and Markdown always have the days)") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        let store = Store(clock: .fixed(to.millis))
        let tailer = FeedTailer(paths: paths)
        if let db {
            _ = try DatabaseFeed.load(try DatabaseOptions.parse(db), town: town, into: store, language: nil)
        } else {
            var sink = store
            tailer.poll(into: &sink)
            tailer.finish(into: &sink)
        }
        for problem in tailer.oneShotProblems { Output.error(problem) }
        for bad in store.quarantine { Output.error(bad.description) }
        if store.quarantinedTotal > store.quarantine.count {
            Output.error("\(store.quarantinedTotal - store.quarantine.count) earlier bad line(s) not listed; `dutydesk check` lists them all")
        }
        let report = PeriodReport.compute(store, from: from.millis, to: to.millis)
        let text = switch format {
        case .json: report.json(fromText: from.text, toText: to.text) + "\n"
        case .md: report.markdown(fromText: from.text, toText: to.text, language: lang)
        case .csv: daily ? report.dailyCSV(language: lang) : report.townsCSV(language: lang)
        }
        if let out {
            if let error = PeriodReport.save(text, to: out) {
                Output.error("report not written: \(error)")
                throw ExitCode(2)
            }
        } else {
            Output.line(String(text.dropLast()))
            Output.flush()
        }
        if store.quarantinedTotal > 0 { Output.error("\(store.quarantinedTotal) line(s) quarantined, left out of the report") }
        if !tailer.oneShotProblems.isEmpty { throw ExitCode(2) }
    }
}
