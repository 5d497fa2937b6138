import Foundation
import Testing

/// `DUTYDESK_LOG=debug` gives a person debugging a feed what the tailer and
/// the store saw (README, "Environment"), on stderr only; without it the
/// same run prints nothing there and stdout is the same either way.
@Suite struct LoggingTests {
    static let good = #"{"kind":"event","id":"E1","ts":"2026-11-28T09:00:00+08:00","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"grid","title":"占道经营","status":"open"}"#

    /// Runs `dutydesk` through env(1), with DUTYDESK_LOG set to `log` or unset.
    static func run(_ arguments: [String], log: String?) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = (log.map { ["DUTYDESK_LOG=" + $0] } ?? ["-u", "DUTYDESK_LOG"])
            + [CLIRunner.executable.path] + arguments
        let dir = CLIRunner.tempDir("log-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return (process.terminationStatus, try String(contentsOf: outURL, encoding: .utf8),
                try String(contentsOf: errURL, encoding: .utf8))
    }

    @Test func debugNamesTheFilesDiscoveredOnStderrOnly() throws {
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("grid.jsonl")
        try (Self.good + "\n").write(to: file, atomically: true, encoding: .utf8)

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
        let dir = CLIRunner.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("grid.jsonl")
        try (Self.good + "\n{\"kind\":\"event\"\n").write(to: file, atomically: true, encoding: .utf8)

        let debug = try Self.run(["stats", dir.path], log: "debug")
        #expect(debug.stderr.contains("quarantined \(file.path):2: "), "\(debug.stderr)")
        // Without DUTYDESK_LOG only the summary `stats` always printed.
        let quiet = try Self.run(["stats", dir.path], log: nil)
        #expect(quiet.stderr == "dutydesk: 1 line(s) quarantined; `dutydesk check` lists them\n", "\(quiet.stderr)")
    }
}
