import ArgumentParser
import DutyCore
import Foundation
import DutyUI

/// `dutydesk watch DIR_OR_FILE...`: the live console over tailed feed files.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "The live console over feed files (every *.jsonl in a directory, or named files)."
    )

    @Argument(help: "Feed directories or files.")
    var paths: [String]

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
        guard poll >= 10 && poll <= TimeSpan.minute else { throw ValidationError("--poll must be 10…\(TimeSpan.minute) ms") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging(console: true)
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
