import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// A recording's lines stay in its files, so a file changed under a replay
/// must be noticed: reported, and its lines no longer fed, rather than fed
/// as whatever bytes are there now. A file only appended to, renamed or
/// replaced by another at its name still feeds the bytes loaded.
@Suite struct RecordingChangeTests {
    /// 3,000 events a second apart, each line about 250 bytes.
    static func feed(in dir: URL) throws -> (path: String, text: String, end: Millis) {
        let start = RecordingReadBackTests.start
        let lines = (0..<3_000).map { i in
            Line.event("E\(i)", Timestamp.format(start + Millis(i) * 1_000), extra: #","detail":"中山社区沿街店铺""#)
        }
        let path = dir.appendingPathComponent("feed.jsonl").path
        let text = lines.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (path, text, start + 2_999 * 1_000)
    }

    /// Plays half, lets `change` alter the file, plays on: returns the store.
    static func playHalf(_ recording: Recording, then change: () throws -> Void) rethrows -> Store {
        let store = Store(clock: .eventTime)
        recording.feed(until: recording.ts(at: recording.count / 2 - 1), into: store)
        try change()
        recording.feed(until: .max, into: store)
        return store
    }

    @Test func aTruncatedFileIsReportedAndNotFed() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feed(in: dir)
        let recording = Recording(paths: [f.path])
        let store = try Self.playHalf(recording) {
            let h = try #require(FileHandle(forWritingAtPath: f.path))
            try h.truncate(atOffset: UInt64(f.text.utf8.count / 3))
            try h.close()
        }
        #expect(store.records == recording.count / 2)
        #expect(recording.readProblems.count == 1)
        #expect(recording.readProblems.first?.contains("feed.jsonl: truncated since the recording was loaded") == true)
        #expect(recording.withLine(at: 0) { _ in true } == nil)
        #expect(throws: RecordingError.self) { try recording.write(to: dir.appendingPathComponent("out.jsonl").path) }
    }

    @Test func aFileWrittenOverInPlaceIsReportedAndNotFed() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feed(in: dir)
        // The same size, other bytes (ids E… become F…), and a mtime surely
        // other than the load's.
        let recording = Recording(paths: [f.path])
        let store = try Self.playHalf(recording) {
            try f.text.replacingOccurrences(of: #""id":"E"#, with: #""id":"F"#).write(toFile: f.path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: f.path)
        }
        #expect(store.records == recording.count / 2)
        #expect(recording.readProblems.first?.contains("written over since the recording was loaded") == true)
        // Rewritten longer (every line moved by a byte): not taken for an append.
        let again = Recording(paths: [f.path])
        let moved = try Self.playHalf(again) {
            try ("\n" + f.text).write(toFile: f.path, atomically: false, encoding: .utf8)
        }
        #expect(moved.records == again.count / 2)
        #expect(again.readProblems.first?.contains("rewritten since the recording was loaded") == true)
    }

    @Test func appendedRenamedOrReplacedFilesStillFeedTheBytesLoaded() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feed(in: dir)
        let expected = RecordingTests.stats([f.path], at: f.end)
        // Appended to (a recording still being written): the loaded lines play.
        let appended = Recording(paths: [f.path])
        let a = try Self.playHalf(appended) {
            let h = try #require(FileHandle(forWritingAtPath: f.path))
            try h.seekToEnd()
            try h.write(contentsOf: Data((Line.event("LATE", "2026-11-29T00:00:00+08:00") + "\n").utf8))
            try h.close()
        }
        a.clock = .fixed(f.end)
        #expect(appended.readProblems.isEmpty)
        #expect(StatsReport(store: a).json == expected)
        try f.text.write(toFile: f.path, atomically: false, encoding: .utf8)
        // Renamed away and replaced by another file at its name: still the loaded file.
        let replaced = Recording(paths: [f.path])
        let b = try Self.playHalf(replaced) {
            try FileManager.default.moveItem(atPath: f.path, toPath: f.path + ".1")
            try "{\"kind\":\"other\"}\n".write(toFile: f.path, atomically: true, encoding: .utf8)
        }
        b.clock = .fixed(f.end)
        #expect(replaced.readProblems.isEmpty)
        #expect(StatsReport(store: b).json == expected)
    }

    /// `record -o` naming one of its inputs: the input is read into memory
    /// before the output empties it, so the recording is whole.
    @Test func recordingOverAnInputKeepsEveryLine() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feed(in: dir)
        let recording = Recording(paths: [f.path])
        try recording.write(to: f.path)
        #expect(try String(contentsOfFile: f.path, encoding: .utf8) == f.text)
        #expect(recording.readProblems.isEmpty)
    }
}
