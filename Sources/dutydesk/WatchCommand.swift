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
        try screen.openConsole(store: Store(clock: .wall), feed: .tail(FeedTailer(paths: paths), interval: poll),
                               journalPath: journal, recorder: recorder)
    }
}
