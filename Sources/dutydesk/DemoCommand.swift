import ArgumentParser
import DutyCore
import Foundation
import DutyUI

/// `dutydesk demo` (and `dutydesk` with no arguments): a generated 奉化区 day
/// on an accelerated clock, from 08:00. No files, no network.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A live demo: a generated 奉化区 day fed on an accelerated clock (the default command)."
    )

    @Option(help: "Clock speed: 1, 10, 60 or 600 simulated seconds per real second (+/- change it).")
    var speed: Int = 60

    @Option(help: "Seed of the generated day.")
    var seed: UInt64 = 20_261_128

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard ReplayClock.speeds.contains(speed) else { throw ValidationError("--speed must be 1, 10, 60 or 600") }
    }

    /// The demo is a replay of a generated day (yesterday and today, so the
    /// morning opens with yesterday's open items), from 08:00: the replay
    /// keys work in it too.
    func run() throws {
        DutyDesk.bootstrapLogging(console: true)
        try screen.checkTerminal()
        let scratch = try screen.makeScratch()
        defer { scratch.finish() }   // when the console could not open; its exit removes it otherwise
        let journal = screen.journal ?? scratch.path + "/operator-journal.jsonl"
        let recording = scratch.path + "/generated-day.jsonl"
        let now = Platform.wallClockMillis()
        let today = LocalTime.midnight(now)
        do {
            try FeedGenerator.write(seed: seed, start: today - TimeSpan.day, days: 2, to: recording)
        } catch {
            Output.error("\(Sanitize.path(recording)): \(error)")
            throw ExitCode(2)
        }
        let replay = Recording(paths: [recording])
        guard let start = replay.startTs, let end = replay.endTs else { throw ExitCode(2) }
        var clock = ReplayClock(start: start, end: end, speed: ReplayClock.speeds.contains(speed) ? speed : 60,
                                paused: false, wall: now)
        clock.seek(to: today + 8 * TimeSpan.hour, wall: now)
        var options = screen
        options.journal = journal
        try options.openConsole(store: Store(clock: .fixed(clock.now(wall: now))),
                                feed: .replay(replay, clock, journal: journal, demo: true), journalPath: journal,
                                scratch: scratch)
    }
}
