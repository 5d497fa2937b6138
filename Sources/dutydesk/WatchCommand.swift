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
        guard poll >= 10 && poll <= 60_000 else { throw ValidationError("--poll must be 10…60000 ms") }
    }

    func run() throws {
        var recorder: RecordingWriter?
        if let record {
            do { recorder = try RecordingWriter(path: record) } catch {
                Output.error("\(error)")
                throw ExitCode(2)
            }
        }
        let journal = screen.journalPath(feeds: paths)
        // Actions reach the recording through the tailer when the journal is
        // itself a watched feed; otherwise the performer records them.
        let journalWatched = paths.contains { Platform.stat(path: $0)?.isDirectory == true
            && (journal as NSString).deletingLastPathComponent == ($0 as NSString).standardizingPath }
        try screen.openConsole(store: Store(clock: .wall), feed: .tail(FeedTailer(paths: paths), interval: poll),
                               journalPath: journal, recorder: recorder, recordActions: !journalWatched)
    }
}

/// `dutydesk demo` (and `dutydesk` with no arguments): a generated 奉化区 day
/// on an accelerated clock, from 08:00. No files, no network.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A live demo: a generated 奉化区 day fed on an accelerated clock (the default command)."
    )

    @Option(help: "Clock speed: simulated seconds per real second.")
    var speed: Int = 60

    @Option(help: "Seed of the generated day.")
    var seed: UInt64 = 20_261_128

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard speed >= 1 && speed <= 36_000 else { throw ValidationError("--speed must be 1…36000") }
    }

    func run() throws {
        try screen.openConsole(store: Store(clock: .eventTime),
                               feed: .demo(DemoFeed(seed: seed, day: Platform.wallClockMillis(), speed: speed)),
                               journalPath: screen.scratchJournal())
    }
}
