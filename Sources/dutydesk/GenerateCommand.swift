import ArgumentParser
import DutyCore

/// `dutydesk generate`: a deterministic, realistic 奉化区 feed for demos,
/// tests and the benchmark. The same seed and start give the same bytes.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated 奉化区 feed (JSON Lines, sorted by ts)."
    )

    @Option(help: "Seed of the generator: the same seed gives the same bytes.")
    var seed: UInt64

    @Option(help: "Number of records to write.")
    var records: Int?

    @Option(help: "Number of days to write.")
    var days: Int?

    @Option(help: "First day (RFC 3339; the day starts at local midnight of this time's offset).")
    var start: TimeArgument = TimeArgument(argument: "2026-11-28T00:00:00+08:00")!

    @Option(name: .shortAndLong, help: "Output file.")
    var out: String

    @Option(help: "Which year the feed is true to: district (the district's published annual figures, the default) or bench2026 (the mix before issue 13, which the benchmark keeps).")
    var profile: FeedGenerator.Profile = .district

    func validate() throws {
        switch (records, days) {
        case (nil, nil), (.some, .some): throw ValidationError("give exactly one of --records N or --days N")
        case (let r?, nil) where r < 1: throw ValidationError("--records must be at least 1")
        case (nil, let d?) where d < 1 || d > 3660: throw ValidationError("--days must be 1…3660")
        default: break
        }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        do {
            if let records {
                try FeedGenerator.write(seed: seed, start: start.millis, records: records, profile: profile, to: out)
            } else if let days {
                try FeedGenerator.write(seed: seed, start: start.millis, days: days, profile: profile, to: out)
            }
        } catch {
            Output.error("\(Sanitize.path(out)): \(error)")
            throw ExitCode(2)
        }
    }
}

extension FeedGenerator.Profile: ExpressibleByArgument {}
