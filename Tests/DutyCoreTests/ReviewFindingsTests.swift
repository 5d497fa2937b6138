import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Findings of the review of issue 16's code (checkpoints sharing pages,
/// recordings read back from their files, parallel ingest), each a test
/// that failed before its fix.
@Suite struct ReviewFindingsTests {
    /// Finding 1: a file refused after the checkpoints were built (changed
    /// under the replay) still plays its earlier records through every
    /// checkpoint, while a rebuild from the start plays none of them: the
    /// state after a seek depended on whether checkpoints were ready.
    @Test func aSeekAfterAFileIsRefusedEqualsARebuildFromTheStart() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (paths, plain, fast) = try CheckpointSeekTests.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        // Played to the end once: a checkpoint every 1,500 records.
        _ = fast.rebuild(at: end, clock: .fixed(end))
        // b.jsonl loses two thirds of its bytes after loading, before any seek.
        let h = try #require(FileHandle(forWritingAtPath: paths[1]))
        try h.truncate(atOffset: try h.seekToEnd() / 3)
        try h.close()
        let t = first + (end - first) * 2 / 3
        let expected = plain.rebuild(at: t, clock: .fixed(t))
        let sought = fast.rebuild(at: t, clock: .fixed(t))
        #expect(plain.readProblems.count == 1 && fast.readProblems.count == 1)
        #expect(fast.position == plain.position)
        #expect(sought.records == expected.records)
        #expect(CheckpointSeekTests.Fingerprint(sought, at: t) == CheckpointSeekTests.Fingerprint(expected, at: t))
    }

    /// The paths this process holds open (/proc/self/fd).
    static func openPaths() -> [String] {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0) }
    }

    /// Finding 4: a recording kept open, for its whole life, every file it
    /// read, also those no kept record lies in (only bad lines, or records
    /// outside from…to): descriptors held for nothing.
    @Test func filesWithNoKeptRecordAreNotKeptOpen() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let good = dir.appendingPathComponent("good.jsonl").path
        let bad = dir.appendingPathComponent("bad.jsonl").path
        let later = dir.appendingPathComponent("later.jsonl").path
        try (Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n").write(toFile: good, atomically: false, encoding: .utf8)
        try "{bad\n[1]\n".write(toFile: bad, atomically: false, encoding: .utf8)
        try (Line.event("E2", "2026-11-29T09:00:00+08:00") + "\n").write(toFile: later, atomically: false, encoding: .utf8)
        let to = try Timestamp.parse("2026-11-28T12:00:00+08:00").get().millis
        let recording = Recording(paths: [dir.path], to: to)
        #expect(recording.count == 1 && recording.quarantined.count == 2)
        let open = Self.openPaths()
        #expect(open.contains(good))
        #expect(!open.contains(bad), "a file of bad lines only")
        #expect(!open.contains(later), "a file of records after `to` only")
        // The kept record still plays.
        let store = recording.rebuild(at: to, clock: .fixed(to))
        #expect(store.records == 1 && recording.readProblems.isEmpty)
    }
}
