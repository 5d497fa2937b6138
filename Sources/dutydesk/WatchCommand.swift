import ArgumentParser
import DutyCore
import DutyDB
import Foundation
import DutyUI

/// `dutydesk watch DIR_OR_FILE...`: the live console over tailed feed files.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The live console over feed files (every *.jsonl in a directory, or named files), or over the shared database (--db)."
    )

    @Argument(help: "Feed directories or files (none with --db).")
    var paths: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(help: "With the database: only this town's items (one of the 12 towns, e.g. 溪口镇).")
    var town: String?

    @Option(help: "Poll interval in milliseconds.")
    var poll: Int = 500

    @Option(help: "Append every good record ingested, and this console's actions, to a recording.")
    var record: String?

    @OptionGroup var screen: ScreenOptions

    /// The console's clock: the wall clock, or a fixed time from
    /// `DUTYDESK_NOW` (RFC 3339), for tests that compare the screen with
    /// `dutydesk alerts --at` at the same instant.
    static func clock() throws -> Clock {
        guard let text = Environment.get("DUTYDESK_NOW") else { return .wall }
        guard let t = TimeArgument(argument: text) else {
            throw ValidationError("DUTYDESK_NOW must be an RFC 3339 time, e.g. 2026-12-04T10:00:00+08:00")
        }
        return .fixed(t.millis)
    }

    func validate() throws {
        if paths.isEmpty && database.db == nil && Environment.get("DUTYDESK_DB") == nil {
            throw ValidationError("give feed directories or files, or --db URL (or set DUTYDESK_DB)")
        }
        if !paths.isEmpty && database.db != nil { throw ValidationError("--db reads the database alone: no feed files") }
        if paths.isEmpty && record != nil { throw ValidationError("--record goes with feed files (over the database: dutydesk record --db)") }
        if !paths.isEmpty && town != nil { throw ValidationError("--town goes with --db") }
        try DatabaseFeed.validate(town: town)
        guard poll >= 10 && poll <= TimeSpan.minute else { throw ValidationError("--poll must be 10…\(TimeSpan.minute) ms") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging(console: true)
        if paths.isEmpty {
            // Refused before a long load when there is no screen to start.
            let url = try database.url()
            try screen.checkTerminal()
            let store = Store(clock: try Self.clock())
            let feed = try DatabaseFeed.load(url, town: town, into: store, language: screen.lang)
            try screen.openDatabaseConsole(store: store, feed: feed)
        }
        var recorder: RecordingWriter?
        if let record {
            do { recorder = try RecordingWriter(path: record) } catch {
                Output.error("\(error)")
                throw ExitCode(2)
            }
        }
        let journal = screen.journalPath(feeds: paths)
        // The performer records actions (and what it read under the journal's
        // lock) as they reach the store; the journal's tail then brings them
        // as duplicates, which a recording skips.
        try screen.openConsole(store: Store(clock: try Self.clock()), feed: .tail(FeedTailer(paths: paths, journal: journal), interval: poll),
                               journalPath: journal, recorder: recorder)
    }
}
