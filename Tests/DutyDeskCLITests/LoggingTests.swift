import DutyTestSupport
import Foundation
import Testing

/// `DUTYDESK_LOG=debug` gives a person debugging a feed what the tailer and
/// the store saw (README, "Environment"), on stderr only; without it the
/// same run prints nothing there and stdout is the same either way.
@Suite struct LoggingTests {

    /// Runs `dutydesk` with DUTYDESK_LOG set to `log`, or unset.
    static func run(_ arguments: [String], log: String?) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, environment: ["DUTYDESK_LOG": log])
    }

    @Test func debugNamesTheFilesDiscoveredOnStderrOnly() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("grid.jsonl")
        try (FeedFileTests.good + "\n").write(to: file, atomically: true, encoding: .utf8)

        let debug = try Self.run(["stats", dir.path], log: "debug")
        #expect(debug.status == 0, "\(debug.stderr)")
        let discovered = debug.stderr.split(separator: "\n").filter { $0.contains("discovered feed file \(file.path)") }
        #expect(discovered.count == 1, "\(debug.stderr)")
        #expect(discovered.first?.contains("debug dutydesk.feed") == true)
        #expect(debug.stderr.contains("poll: 1 lines"))

        let quiet = try Self.run(["stats", dir.path], log: nil)
        #expect(quiet.status == 0)
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == debug.stdout)
    }

    @Test func debugSaysWhichLinesWereQuarantined() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("grid.jsonl")
        try (FeedFileTests.good + "\n{\"kind\":\"event\"\n").write(to: file, atomically: true, encoding: .utf8)

        let debug = try Self.run(["stats", dir.path], log: "debug")
        #expect(debug.stderr.contains("quarantined \(file.path):2: "), "\(debug.stderr)")
        // Without DUTYDESK_LOG only the summary `stats` always printed.
        let quiet = try Self.run(["stats", dir.path], log: nil)
        #expect(quiet.stderr == "dutydesk: 1 line(s) quarantined; `dutydesk check` lists them\n", "\(quiet.stderr)")
    }
}
