import ArgumentParser
import DutyCore
import DutyDB

/// `dutydesk record`: merges feed files into one time-ordered recording, cut
/// to `--from`…`--to`, for replays (demos, training, after-action review).
/// The recording holds the good records' original lines, sorted by ts (same-ts
/// records in file order, so conflicts resolve as in `stats`); bad lines are
/// left out and counted. If a path cannot be read nothing is written: a
/// recording silently missing a file would replay a wrong shift.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Merge and cut feeds into one time-ordered recording (JSON Lines)."
    )

    @Option(help: "Keep records at or after this time (RFC 3339).")
    var from: TimeArgument?

    @Option(help: "Keep records at or before this time (RFC 3339).")
    var to: TimeArgument?

    @Option(name: .shortAndLong, help: "Output file (overwritten; with --db a new file, never overwritten).")
    var out: String

    @Argument(help: "Feed files or directories of *.jsonl.")
    var paths: [String] = []

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Record the period from the shared database's record log instead of files (postgres://USER:PASSWORD@HOST:PORT/DATABASE).",
        valueName: "url"))
    var db: String?

    func validate() throws {
        try DatabaseFeed.validate(paths: paths, db: db, town: nil)
        if let from, let to, from.millis > to.millis { throw ValidationError("--from must not be after --to") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        if let db {
            try DatabaseRecording.write(try DatabaseOptions.parse(db), from: from, to: to, out: out)
            return
        }
        let recording = Recording(paths: paths, from: from?.millis, to: to?.millis)
        if !recording.problems.isEmpty {
            for problem in recording.problems { Output.error(problem) }
            Output.error("nothing written to \(Sanitize.path(out))")
            throw ExitCode(2)
        }
        do {
            try recording.write(to: out)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
        var summary = "\(recording.count) record(s) written to \(Sanitize.path(out))"
        if let start = recording.startTs, let end = recording.endTs {
            summary += " (\(Timestamp.format(start)) … \(Timestamp.format(end)))"
        }
        summary += ", \(recording.quarantined.count) line(s) quarantined"
        Output.error(summary)
    }
}
