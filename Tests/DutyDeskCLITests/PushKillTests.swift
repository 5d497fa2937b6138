import DutyTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `push` killed with SIGKILL partway, again and again, then run to the end:
/// nothing lost, nothing twice (each file's position is committed with its rows).
@Suite struct PushKillTests {
    @Test func killedAndRestartedPushesGiveExactCounts() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        var bytes = GeneratedFeed.bytes(seed: 1515, records: 6_000)
        bytes += Array((PushCommandTests.first + PushCommandTests.second).utf8)
        try Data(bytes).write(to: dir.appendingPathComponent("a.jsonl"))
        try Data(GeneratedFeed.bytes(seed: 1516, records: 4_000)).write(to: dir.appendingPathComponent("b.jsonl"))
        let total = bytes.filter { $0 == 0x0A }.count + 4_000
        func pushed() throws -> Int {
            Int(try pg.psql(db, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM record_echoes) + (SELECT count(*) FROM quarantine)")) ?? -1
        }
        var kills = 0
        for round in 1...4 {
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["push", dir.path, "--db", url, "--batch", "40"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let before = try pushed()
            try process.run()
            // Wait for this run's first commits, then kill it mid-stream.
            let target = min(total, before + 40 * (1 + round * 3))
            while process.isRunning, try pushed() < target { usleep(5_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            let now = try pushed()
            #expect(now >= before && now <= total)
        }
        #expect(kills > 0, "every push ended before it could be killed")
        let last = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try pushed() == total, "after \(kills) kills")
        let files = try CLIRunner.run(["stats", dir.path])
        let fromDB = try CLIRunner.run(["stats", "--db", url])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromDB.stdout == files.stdout)
    }
}
