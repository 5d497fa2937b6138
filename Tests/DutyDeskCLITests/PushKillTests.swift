import DutyCore
import DutyTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `push` killed with SIGKILL at 20 random moments — before or during its
/// first commit, in the middle of a file, after its end — and started again
/// each time, while the feeds keep growing between runs: nothing lost,
/// nothing twice (each file's position is committed with its rows).
@Suite struct PushKillTests {
    /// 20 slices of a generated feed with hand-made duplicates, conflicts
    /// and bad lines mixed in, one slice appended (over two files) before
    /// each run.
    static func slices(_ count: Int) -> [[String]] {
        let generated = String(decoding: GeneratedFeed.bytes(seed: 1515, records: 24_000), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        var out: [[String]] = []
        let size = generated.count / count
        for s in 0..<count {
            var lines = Array(generated[(s * size)..<((s + 1) * size)])
            for k in 0..<12 {
                let id = "K\(s)-\(k)", ts = "2026-11-28T09:\(String(format: "%02d", k)):00.0001\(k % 10)+08:00"
                let at = (k * 97 + s * 13) % lines.count
                lines.insert(Line.event(id, ts), at: at)
                lines.insert(Line.event(id, ts), at: at + 1)                                  // a duplicate
                lines.append(Line.event(id, ts, status: "dispatched"))                      // a conflict
                lines.append(Line.event(id, ts).replacingOccurrences(of: ",", with: ", "))    // a duplicate, field by field
                lines.insert("{bad \(s) \(k)", at: (k * 53 + s) % lines.count)
                if k % 4 == 0 { lines.append(lines[(k * 31) % lines.count]) }                // an earlier generated line again
            }
            out.append(lines)
        }
        return out
    }

    @Test func twentyKillsAndRestartsGiveExactCounts() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let db = URL(string: url)!.lastPathComponent
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let files = [dir.appendingPathComponent("a.jsonl"), dir.appendingPathComponent("b.jsonl")]
        for file in files { FileManager.default.createFile(atPath: file.path, contents: nil) }
        func append(_ lines: ArraySlice<String>, to file: URL) throws {
            let handle = try FileHandle(forWritingTo: file)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
            try handle.close()
        }
        func pushed() throws -> Int {
            Int(try pg.psql(db, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM record_echoes) + (SELECT count(*) FROM quarantine)")) ?? -1
        }
        var random = SplitMix(seed: 15)
        var written = 0, killed = 0, partial = 0, beforeFirstCommit = 0, afterEnd = 0
        for (round, slice) in Self.slices(20).enumerated() {
            let half = slice.count / 2
            try append(slice[..<half], to: files[0])
            try append(slice[half...], to: files[1])
            written += slice.count
            let before = try pushed()
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["push", dir.path, "--db", url, "--batch", "\(50 + random.below(200))"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Four kinds of moment, in turn: at once (before or in the first
            // commit), once the first commit is in, a random time later, and
            // after the run has ended.
            switch round % 4 {
            case 0: usleep(UInt32(random.below(150_000)))
            case 1:
                while process.isRunning, try pushed() == before { usleep(2_000) }
                usleep(UInt32(random.below(20_000)))
            case 2: usleep(UInt32(100_000 + random.below(500_000)))
            default: process.waitUntilExit()
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            let now = try pushed()
            #expect(now >= before && now <= written, "round \(round): \(before) → \(now) of \(written)")
            if process.terminationReason == .uncaughtSignal {
                if now == before { beforeFirstCommit += 1 } else if now < written { partial += 1 }
            } else {
                afterEnd += 1
                #expect(process.terminationStatus == 0 && now == written, "round \(round) ended without a kill but pushed \(now) of \(written)")
            }
        }
        #expect(killed >= 10, "only \(killed) of 20 runs were still running when killed")
        #expect(partial > 0, "no kill landed in the middle of the feed (\(beforeFirstCommit) before any commit, \(afterEnd) after the end)")
        let last = try CLIRunner.run(["push", dir.path, "--db", url])
        #expect(last.status == 0, "\(last.stderr)")
        #expect(try pushed() == written, "after \(killed) kills")

        // Exact counts: what one uninterrupted `stats` over the same files counts.
        let stats = try CLIRunner.json(try CLIRunner.run(["stats", dir.path]).stdout)
        let distinct = try Self.distinctGood(files)
        #expect(Int(try pg.psql(db, "SELECT count(*) FROM records")) == distinct)
        #expect(Int(try pg.psql(db, "SELECT count(*) FROM records")) == stats.number("records")! - stats.number("duplicates")! - stats.number("conflicts")!)
        #expect(Int(try pg.psql(db, "SELECT count(*) FROM record_echoes WHERE verdict = 'duplicate'")) == stats.number("duplicates"))
        #expect(Int(try pg.psql(db, "SELECT count(*) FROM record_echoes WHERE verdict = 'conflict'")) == stats.number("conflicts"))
        #expect(Int(try pg.psql(db, "SELECT count(*) FROM quarantine")) == stats.number("quarantined"))
        #expect((stats.number("duplicates") ?? 0) > 100 && (stats.number("conflicts") ?? 0) > 100 && (stats.number("quarantined") ?? 0) >= 240)
        let overFiles = try CLIRunner.run(["stats", dir.path])
        let fromDB = try CLIRunner.run(["stats", "--db", url])
        #expect(fromDB.status == 0, "\(fromDB.stderr)")
        #expect(fromDB.stdout == overFiles.stdout)
    }

    /// Distinct kind+id+ts among the good lines, counted here with the parser alone.
    static func distinctGood(_ files: [URL]) throws -> Int {
        var parser = FeedParser()
        var seen = Set<String>()
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                var text = String(line)
                let key: String? = text.withUTF8 { buf in
                    let bytes = UnsafeRawBufferPointer(buf)
                    guard case .success(let s) = parser.parseCompact(bytes) else { return nil }
                    return "\(s.kind.wire)\u{0}\(parser.id(of: bytes))\u{0}\(s.exactTs)"
                }
                if let key { seen.insert(key) }
            }
        }
        return seen.count
    }
}
