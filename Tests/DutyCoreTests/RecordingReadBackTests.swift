import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// A recording reads its lines back from the files (pread by offset) instead
/// of holding them: what it feeds and writes must be the very bytes loaded,
/// in the order a plain sort gave, and a file changed under it must be
/// reported, never fed as other bytes.
@Suite struct RecordingReadBackTests {
    static let start = try! Timestamp.parse("2026-11-28T00:00:00+08:00").get().millis

    /// The good lines of `paths` (read in that order) in a plain stable sort
    /// by (ts, microseconds, arrival): what `record` must write.
    static func referenceOrder(_ paths: [String]) throws -> [String] {
        var parser = FeedParser.validating()
        var kept: [(ts: Millis, micros: UInt16, arrival: Int, line: String)] = []
        for path in paths {
            // Split as bytes: "\r\n" is one Character, and a String split would keep it.
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            for var line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
                if line.last == 0x0D { line = line.dropLast() }
                var text = String(decoding: line, as: UTF8.self)
                let parsed = text.withUTF8 { parser.parseCompact(UnsafeRawBufferPointer($0)) }
                if case .success(let s) = parsed { kept.append((s.ts, s.tsMicros, kept.count, text)) }
            }
        }
        return kept.sorted { ($0.ts, $0.micros, $0.arrival) < ($1.ts, $1.micros, $1.arrival) }.map(\.line)
    }

    /// A generated day dealt into three files of different shapes: one with
    /// late records, one in reversed blocks, one in two halves swapped with a
    /// far-future record first; copies of the same ts across files, a bad
    /// line, a CRLF line, and a last line without its newline.
    static func shuffledFeeds(in dir: URL) throws -> [String] {
        let whole = dir.appendingPathComponent("whole.gen").path
        try FeedGenerator.write(seed: 21, start: start, days: 1, profile: .bench2026, to: whole)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        var a: [String] = [], b: [String] = [], c: [String] = []
        for (i, line) in lines.enumerated() {
            switch i % 3 {
            case 0: a.append(line)
            case 1: b.append(line)
            default: c.append(line)
            }
        }
        for i in stride(from: 30, to: a.count - 40, by: 45) { a.swapAt(i, i + 1 + i % 29) }   // late records
        b = stride(from: 0, to: b.count, by: 6).flatMap { b[$0..<min(b.count, $0 + 6)].reversed() }
        c = Array(c[(c.count / 2)...] + c[..<(c.count / 2)])
        c.insert(Line.event("FUTURE", "2027-01-01T00:00:00+08:00"), at: 0)
        c.insert(a[12], at: 9)                                              // a duplicate of a's record
        c.insert(String(a[40].dropLast()) + #","note":"other copy"}"#, at: 5)   // a conflicting copy
        c.insert("{bad", at: 3)
        c[7] += "\r"
        let pa = dir.appendingPathComponent("a.jsonl").path, pb = dir.appendingPathComponent("b.jsonl").path
        let pc = dir.appendingPathComponent("c.jsonl").path
        try (a.joined(separator: "\n") + "\n").write(toFile: pa, atomically: false, encoding: .utf8)
        try (b.joined(separator: "\n") + "\n").write(toFile: pb, atomically: false, encoding: .utf8)
        try c.joined(separator: "\n").write(toFile: pc, atomically: false, encoding: .utf8)   // no final newline
        return [pc, pa, pb]
    }

    @Test func recordWritesThePlainSortsOrderByteForByte() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let paths = try Self.shuffledFeeds(in: dir)
        for order in [paths, paths.reversed()] {
            let recording = Recording(paths: order)
            #expect(recording.problems.isEmpty && recording.quarantined.count == 1)
            let out = dir.appendingPathComponent("rec.out").path
            try recording.write(to: out)
            let expected = try Self.referenceOrder(order)
            #expect(recording.count == expected.count)
            let written = try String(contentsOfFile: out, encoding: .utf8)
            #expect(written == expected.joined(separator: "\n") + "\n")
        }
    }

    /// Records of about 10–300 KB, so that lines straddle every 1 MiB block
    /// boundary, one of exactly the 1 MiB limit and one just under it (read
    /// alone and in a window), and a last line without a newline.
    @Test func linesFedAfterPreadAreTheOriginalBytes() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        var r = SplitMix(seed: 3)
        var lines: [String] = []
        func event(_ i: Int, detail: Int) -> String {
            let ts = Timestamp.format(Self.start + Millis(i) * 1_000)
            let base = Line.event("E\(i)", ts, extra: #","detail":""#)
            return String(base.dropLast()) + String(repeating: "x", count: max(0, detail - base.utf8.count - 1)) + #""}"#
        }
        for i in 0..<40 { lines.append(event(i, detail: 10_000 + r.below(300_000))) }
        lines.append(event(40, detail: FeedParser.maxLineBytes))
        lines.append(event(41, detail: FeedParser.maxLineBytes - 3))
        for i in 42..<50 { lines.append(event(i, detail: 200 + r.below(500_000))) }
        #expect(lines[40].utf8.count == FeedParser.maxLineBytes)
        let path = dir.appendingPathComponent("big.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let recording = Recording(paths: [path])
        #expect(recording.count == lines.count && recording.quarantined.isEmpty)
        for (i, line) in lines.enumerated() {
            let same = recording.withLine(at: i) { $0.elementsEqual(line.utf8) }
            #expect(same == true, "line \(i + 1)")
        }
        let out = dir.appendingPathComponent("big.out").path
        try recording.write(to: out)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == lines.joined(separator: "\n") + "\n")
        let end = try #require(recording.endTs)
        #expect(StatsReport(store: recording.rebuild(at: end, clock: .fixed(end))).json == RecordingTests.stats([path], at: end))
        #expect(recording.readProblems.isEmpty)
    }

    @Test func quarantinedLinesAreThoseOfTheLiveIngest() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let paths = try Self.shuffledFeeds(in: dir)
        try ("{\"kind\":\"event\"}\n" + Line.event("OK", "2026-11-28T10:00:00+08:00") + "\n[1]\n")
            .write(toFile: paths[1], atomically: false, encoding: .utf8)
        let recording = Recording(paths: paths)
        let store = Store(clock: .eventTime)
        var sink = store
        let tailer = FeedTailer(paths: paths)
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        #expect(recording.quarantined.count == 3)
        #expect(recording.quarantined == Array(store.quarantine))
    }

    /// Many files interleaved in time (32 here, more than the 16 windows a
    /// reading used to keep) are each read in about one block, not one
    /// refill per line.
    @Test func manyInterleavedFilesAreReadABlockAtATime() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let files = 32, perFile = 100
        var paths: [String] = []
        for f in 0..<files {
            var text = ""
            for k in 0..<perFile {
                // File f's k-th record lies between every other file's (k-th) ones.
                let second = k * files + f
                text += Line.event("E\(f)-\(k)", String(format: "2026-11-28T%02d:%02d:%02d+08:00", second / 3600, second / 60 % 60, second % 60)) + "\n"
            }
            let path = dir.appendingPathComponent(String(format: "f%02d.jsonl", f)).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        let recording = Recording(paths: paths)
        #expect(recording.count == files * perFile)
        let reader = RecordingReader(files: recording.files, entries: recording.entries[...])
        var fed = 0
        for e in recording.entries { if reader.withLine(e, { _ in true }) == true { fed += 1 } }
        #expect(fed == files * perFile)
        #expect(reader.reads <= 2 * files, "\(reader.reads) reads for \(files * perFile) lines")
        let end = try #require(recording.endTs)
        #expect(StatsReport(store: recording.rebuild(at: end, clock: .fixed(end))).json == RecordingTests.stats(paths, at: end))
    }
}
