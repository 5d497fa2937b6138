@testable import DutyDB
import DutyCore
import DutyTestSupport
import Foundation
import Testing

/// What `push` gathers from the tailer, and what it skips on a restart:
/// no database needed.
@Suite struct PushSinkTests {
    static let lines = [
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        "{bad",
        Line.event("E1", "2026-11-28T09:30:00.000250+08:00", status: "dispatched"),
    ]

    static func read(_ paths: [String], committed: [FileIdentity: FilePosition]) -> PushBatch {
        var sink = PushSink(committed: committed)
        let tailer = FeedTailer(paths: paths)
        sink.newPoll()
        tailer.poll(into: &sink)
        return sink.take()
    }

    @Test func gathersGoodAndBadLinesWithTheirFilesPosition() throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        let text = Self.lines.joined(separator: "\n") + "\n"
        try text.write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
        let batch = Self.read([dir.path], committed: [:])
        #expect(batch.rows.map(\.id) == ["E1", "E1"])
        #expect(batch.rows.map(\.kind) == ["event", "event"])
        #expect(batch.rows[1].tsExact == Timestamp.millis(year: 2026, month: 11, day: 28, hour: 9, minute: 30) * 1000 + 250)
        #expect(batch.line(0) == Self.lines[0])
        #expect(batch.rows[1].echo == nil)
        #expect(batch.quarantined.map(\.line) == [2])
        #expect(batch.positions.count == 1)
        let position = try #require(batch.positions.values.first)
        #expect(position.line == 3 && position.offset == Int64(text.utf8.count))
        #expect(position.fingerprint == text.utf8.prefix(64).map { String(format: "%02x", $0) }.joined())
    }

    @Test func skipsWhatWasCommittedAndFollowsARotatedFile() throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
        let first = Self.read([dir.path], committed: [:])
        // Rotated (a.jsonl → a.jsonl.1) and a new a.jsonl: only the new file's lines.
        try FileManager.default.moveItem(atPath: dir.file("a.jsonl"), toPath: dir.file("a.jsonl.1"))
        try (Line.event("E9", "2026-11-28T10:00:00+08:00") + "\n").write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
        let again = Self.read([dir.path], committed: first.positions)
        #expect(again.rows.map(\.id) == ["E9"])
        #expect(again.quarantined.isEmpty)
    }

    @Test func aReusedInodeWithOtherBytesIsReadAgain() throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        let path = dir.file("a.jsonl")
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let first = Self.read([path], committed: [:])
        // Rewritten in place (same inode), other first bytes: a new file.
        try (Line.event("E7", "2026-11-28T10:00:00+08:00") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let again = Self.read([path], committed: first.positions)
        #expect(again.rows.map(\.id) == ["E7"])
    }

    /// The tailer reads a renamed-away file's last lines under its old name
    /// while a new file has that name: the lines count for the file they
    /// came from (device and inode), not for the name.
    @Test func linesOfARenamedFileCountForThatFileNotItsOldName() throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        let path = dir.file("a.jsonl")
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        var sink = PushSink(committed: [:])
        let tailer = FeedTailer(paths: [dir.path])
        tailer.poll(into: &sink)
        let first = sink.take()
        sink.committed(first)
        let oldInfo = try #require(Platform.stat(path: path))
        // One more line, then renamed to a name that is not a feed's, and a new a.jsonl.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data((Line.event("E4", "2026-11-28T11:00:00+08:00") + "\n").utf8))
        handle.closeFile()
        try FileManager.default.moveItem(atPath: path, toPath: dir.file("a.old"))
        try (Line.event("E9", "2026-11-28T10:00:00+08:00") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let newInfo = try #require(Platform.stat(path: path))
        tailer.poll(into: &sink)
        let second = sink.take()
        #expect(second.rows.map(\.id) == ["E4", "E9"])
        let old = FileIdentity(device: oldInfo.device, inode: oldInfo.inode), new = FileIdentity(device: newInfo.device, inode: newInfo.inode)
        #expect(second.positions[old]?.line == 4)
        #expect(second.positions[new]?.line == 1)
        #expect(second.positions.count == 2)
    }

    @Test func echoesWithinABatchAreJudgedWhileGathering() throws {
        let dir = try TempFolder()
        defer { dir.remove() }
        let a = Line.event("E1", "2026-11-28T09:00:00+08:00")
        let text = [a, a.replacingOccurrences(of: ",", with: ", "), Line.event("E1", "2026-11-28T09:00:00+08:00", status: "closed")]
            .joined(separator: "\n") + "\n"
        try text.write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
        let batch = Self.read([dir.path], committed: [:])
        #expect(batch.rows.map(\.echo) == [nil, .duplicate, .conflict])
        #expect(batch.rows.map(\.echoOf) == [nil, 0, 0])
    }

    @Test func copyTextEscapesWhatCOPYReads() {
        #expect(RecordLog.copyText(#"plain "json" 中文"#) == #"plain "json" 中文"#)
        #expect(RecordLog.copyText("a\tb\\c\nd\re") == #"a\tb\\c\nd\re"#)
    }

    @Test func sameContentIsTheStoresRule() {
        let a = Line.event("E1", "2026-11-28T09:00:00+08:00")
        #expect(RecordLog.sameContent(a, a))
        #expect(RecordLog.sameContent(a, a.replacingOccurrences(of: ",", with: " , ")))
        #expect(!RecordLog.sameContent(a, Line.event("E1", "2026-11-28T09:00:00+08:00", status: "closed")))
        #expect(!RecordLog.sameContent(a, Line.event("E1", "2026-11-28T01:00:00Z")))
    }
}
