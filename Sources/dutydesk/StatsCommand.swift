import ArgumentParser
import Dispatch
import DutyCore
import DutyDB
import Logging

/// `dutydesk stats`: ingest once (or keep following) and print the counts as JSON.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Ingest feeds and print one JSON object of counts (--follow: a line whenever they change)."
    )

    @Option(help: "The time that counts as now (RFC 3339); default: the latest ts ingested.")
    var at: TimeArgument?

    @Flag(help: "Keep tailing the feeds and print a new line whenever the counts change.")
    var follow = false

    @Option(help: "Poll interval in milliseconds, with --follow.")
    var poll: Int = 500

    @Argument(help: "Feed files or directories of *.jsonl.")
    var paths: [String] = []

    @Option(help: "Threads that parse the files read at start (default: the cores available; 1: one thread). Lines appended later (--follow) are read on one.")
    var threads: Int?

    @OptionGroup var source: LogSourceOptions
    var db: String? { source.db }
    var town: String? { source.town }

    func validate() throws {
        if town != nil && db == nil { throw ValidationError("--town goes with --db") }
        try DatabaseFeed.validate(town: town)
        if db != nil {
            guard paths.isEmpty, !follow else { throw ValidationError("--db reads the database alone: no files, no --follow (yet)") }
        } else if paths.isEmpty {
            throw ValidationError("Missing expected argument '<paths> ...'")
        }
        if let threads, threads < 1 || threads > Platform.maxThreads { throw ValidationError("--threads must be between 1 and \(Platform.maxThreads)") }
        guard poll >= 10 && poll <= TimeSpan.minute else { throw ValidationError("--poll must be 10…\(TimeSpan.minute) ms") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        let logger = Logger(label: "dutydesk.stats")
        let store = Store(clock: at.map { .fixed($0.millis) } ?? .eventTime)
        if let db {
            let url = try DatabaseOptions.parse(db)
            _ = try DatabaseFeed.load(url, town: town, into: store, language: nil)
            Output.line(StatsReport(store: store).json)
            Output.flush()
            return
        }
        let tailer = FeedTailer(paths: paths)
        var sink = store
        // What is there now is read on every core; what follows, a line at a time.
        ParallelIngest(store: store, threads: threads ?? ParallelIngest.cores).read(tailer, finish: !follow)
        if !follow {
            for problem in tailer.oneShotProblems { Output.error(problem) }   // no retry: it ends here
            Output.line(StatsReport(store: store).json)
            Output.flush()
            if store.quarantinedTotal > 0 {
                Output.error("\(store.quarantinedTotal) line(s) quarantined; `dutydesk check` lists them")
            }
            if !tailer.oneShotProblems.isEmpty { throw ExitCode(2) }
            return
        }
        var last = StatsReport(store: store).json
        Output.line(last)
        Output.flush()
        var reported = Set<String>()
        tailer.start(interval: .milliseconds(poll), queue: .main) { tailer in
            tailer.poll(into: &sink)
            let problems = Set(tailer.problems)
            for p in problems.subtracting(reported) { logger.warning("\(p)") }
            reported = problems
            let json = StatsReport(store: store).json
            if json != last {
                last = json
                Output.line(json)
                Output.flush()
            }
        }
        dispatchMain()
    }
}
