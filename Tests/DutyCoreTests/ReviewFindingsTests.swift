import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Findings of the review of issue 16's code (checkpoints sharing pages,
/// recordings read back from their files, parallel ingest). A finding whose
/// fix is not small stays here, disabled, naming the finding of the review.
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

    /// Finding 2: a file whose mtime moved while its bytes did not (touched,
    /// or an append seen between the kernel's mtime and size updates) is
    /// refused as "written over": every later record of it is dropped from
    /// the replay, and from every store rebuilt afterwards.
    @Test(.disabled("finding 2")) func aFileTouchedButUnchangedStillFeedsEveryRecord() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try RecordingChangeTests.feed(in: dir)
        let expected = RecordingTests.stats([f.path], at: f.end)
        let recording = Recording(paths: [f.path])
        let store = try RecordingChangeTests.playHalf(recording) {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: f.path)
        }
        store.clock = .fixed(f.end)
        #expect(recording.readProblems.isEmpty)
        #expect(store.records == recording.count)
        #expect(StatsReport(store: store).json == expected)
    }
}
