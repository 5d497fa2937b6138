import ArgumentParser
import DutyCore

/// `dutydesk replay FILE_OR_DIR...`: a recorded shift played back in the full
/// console, controllable like a video. Its actions go to a scratch journal in a
/// temporary directory, never to a live one.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Play recorded feeds in event-time order on a scaled clock (space, +/-, </>, [/], 0).",
        discussion: "Operator actions during a replay are written to a scratch journal in a temporary directory (shown in the header)."
    )

    @Argument(help: "Recordings or feed files/directories.")
    var paths: [String]

    @Option(help: "Speed: 1, 10, 60, 600 or max.")
    var speed: String = "60"

    @Option(help: "Start of the part to play (RFC 3339).")
    var from: TimeArgument?

    @Option(help: "End of the part to play (RFC 3339).")
    var to: TimeArgument?

    @Flag(help: "Start paused (space plays).")
    var paused = false

    @OptionGroup var screen: ScreenOptions

    func validate() throws {
        guard speed == "max" || ReplayClock.speeds.contains(Int(speed)) else {
            throw ValidationError("--speed must be one of 1, 10, 60, 600, max")
        }
    }

    func run() throws {
        DutyDesk.bootstrapLogging(console: true)
        try screen.checkTerminal()
        let recording = Recording(paths: paths, from: from?.millis, to: to?.millis)
        for problem in recording.problems { Output.error(problem) }
        guard let start = recording.startTs, let end = recording.endTs else {
            Output.error("nothing to replay in \(paths.map(Sanitize.path).joined(separator: " "))")
            throw ExitCode(2)
        }
        let clock = ReplayClock(start: start, end: end, speed: speed == "max" ? nil : Int(speed),
                                paused: paused, wall: Platform.wallClockMillis())
        var options = screen
        options.journal = nil   // never a live journal
        let scratch = try options.makeScratch()
        defer { scratch.finish() }   // when the console could not open; its exit removes it otherwise
        let journal = scratch.path + "/operator-journal.jsonl"
        try options.openConsole(store: Store(clock: .fixed(start)),
                                feed: .replay(recording, clock, journal: journal, demo: false), journalPath: journal,
                                scratch: scratch)
    }
}
