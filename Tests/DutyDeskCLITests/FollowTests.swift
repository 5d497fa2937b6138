import DutyTestSupport
import Foundation
import Testing

/// `dutydesk stats --follow`: a new JSON line whenever the counts change.
@Suite struct FollowTests {
    /// `dutydesk stats --follow --poll 50 DIR`, with a reader of its lines.
    static func follow(_ dir: URL) throws -> (Process, LineReader) {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["stats", "--follow", "--poll", "50", dir.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, LineReader(out.fileHandleForReading))
    }

    @Test func followPrintsANewLineWhenCountsChange() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("live.jsonl")
        let first = Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n"
        try first.write(to: file, atomically: true, encoding: .utf8)

        let (process, reader) = try Self.follow(dir)
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }

        let line1 = try #require(reader.next(timeout: 10))
        #expect(try CLIRunner.json(line1).number("events.by_status.open") == 1)

        // Append a partial line, then complete it: counted once, when whole.
        let update = Line.event("E1", "2026-11-28T09:05:00+08:00", status: "self_resolved")
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data(update.prefix(40).utf8))
        handle.write(Data((String(update.dropFirst(40)) + "\n").utf8))
        try handle.close()
        let line2 = try #require(reader.next(timeout: 10))
        let s = try CLIRunner.json(line2)
        #expect(s.number("events.by_status.open") == 0)
        #expect(s.number("events.by_status.self_resolved") == 1)
        #expect(s.number("records") == 2)
    }

    /// Issue 10, item 2: the file rewritten in place between two polls,
    /// keeping its first 64 bytes (here its whole first record) and growing
    /// past the old end. `stats --follow` must end where one-shot `stats`
    /// of the new file is: the same items in the same states and nothing
    /// quarantined; the re-read records that were already held count as
    /// duplicates, never as new items.
    @Test func followAgreesWithOneShotStatsAfterARewriteKeepingTheFirstBytes() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("live.jsonl")
        func event(_ id: String, _ minute: Int, _ status: String, spaced: Bool = false) -> String {
            let line = Line.event(id, "2026-11-28T09:\(minute < 10 ? "0" : "")\(minute):00+08:00", status: status)
            return spaced ? line.replacingOccurrences(of: #""kind":"#, with: #""kind": "#) : line
        }
        let first = event("E1", 0, "open")
        let old = [first, event("E2", 1, "open"), event("E3", 2, "open")]
        try (old.joined(separator: "\n") + "\n").write(to: file, atomically: false, encoding: .utf8)

        let (process, reader) = try Self.follow(dir)
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        let line1 = try #require(reader.next(timeout: 10))
        #expect(try CLIRunner.json(line1).number("records") == 3)

        // The same first record, the second one re-spaced (the same snapshot,
        // 1 byte longer), then new ones: written over the old bytes in one
        // pwrite, so no poll can see the file in between.
        let new = [first, event("E2", 1, "open", spaced: true), event("E3", 2, "open"),
                   event("E1", 5, "dispatched"), event("E4", 6, "open"), event("E2", 7, "closed"), event("E5", 8, "open")]
        let bytes = Array((new.joined(separator: "\n") + "\n").utf8)
        let fd = open(file.path, O_WRONLY)
        #expect(fd >= 0)
        #expect(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == bytes.count)
        close(fd)

        // Lines until the counts reach the whole new file (a poll landing
        // inside the pwrite could print a state on the way), or 10 s pass.
        var follow = try CLIRunner.json(try #require(reader.next(timeout: 10)))
        while (follow.number("records") ?? 0) < 10, let next = reader.next(timeout: 10) {
            follow = try CLIRunner.json(next)
        }
        let oneShot = try CLIRunner.json(try CLIRunner.run(["stats", dir.path]).stdout)
        #expect(oneShot.number("records") == 7 && oneShot.number("quarantined") == 0)
        #expect(follow.number("quarantined") == 0)
        // 3 records read before, the 7 of the new file after: the 3 unchanged ones are duplicates.
        #expect(follow.number("records") == 10 && follow.number("duplicates") == 3)
        for key in ["conflicts", "events.total", "events.by_status.open", "events.by_status.dispatched",
                    "events.by_status.closed", "tasks.total", "alerts.total"] {
            #expect(follow.number(key) == oneShot.number(key), "\(key)")
        }
    }
}

/// Reads lines from a pipe with a deadline, on a background thread.
final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = Data()
    private var lines: [String] = []
    private let lock = NSCondition()

    init(_ handle: FileHandle) {
        self.handle = handle
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { lock.broadcast(); lock.unlock(); return }
                buffer.append(data)
                while let nl = buffer.firstIndex(of: 0x0A) {
                    lines.append(String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...nl)
                }
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    func next(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while lines.isEmpty {
            if !lock.wait(until: deadline) { return nil }
        }
        return lines.removeFirst()
    }
}
