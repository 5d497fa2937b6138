import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The parallel load against the one-thread ingest: the same store to the
/// symbol (records, duplicates, conflicts, every item's timeline, the texts),
/// the same `stats` JSON, the same quarantine and the same `check` lines, on
/// the conformance cases and on mutated generated feeds, for batch sizes
/// from 64 bytes (every line crosses a boundary) up.
@Suite struct ParallelIngestTests {
    /// Loads `paths` through the tailer into a fresh store.
    static func load(_ paths: [String], threads: Int, batchBytes: Int = ParallelIngest.defaultBatchBytes,
                     maxLineBytes: Int = FeedParser.maxLineBytes) -> Store {
        let store = Store()
        let tailer = FeedTailer(paths: paths, maxLineBytes: maxLineBytes)
        ParallelIngest(store: store, threads: threads, batchBytes: batchBytes).read(tailer, finish: true)
        return store
    }

    /// `check`'s lines and counts for `paths`.
    static func check(_ paths: [String], threads: Int, batchBytes: Int = ParallelIngest.defaultBatchBytes,
                      maxLineBytes: Int = FeedParser.maxLineBytes) -> [String] {
        final class Lines { var all: [String] = [] }
        let out = Lines()
        let check = ParallelCheck(threads: threads, batchBytes: batchBytes) { out.all.append($0.description) }
        check.read(FeedTailer(paths: paths, maxLineBytes: maxLineBytes))
        return out.all + ["\(check.lines) lines, \(check.bad) bad"]
    }

    /// Everything a reader of the store can see, compared symbol for symbol.
    static func expectSame(_ a: Store, _ b: Store, _ label: String) {
        #expect(StatsReport(store: a).json == StatsReport(store: b).json, "\(label): stats")
        #expect(Array(a.quarantine) == Array(b.quarantine), "\(label): quarantine")
        #expect(a.quarantinedTotal == b.quarantinedTotal && a.records == b.records, "\(label): counts")
        #expect(a.duplicates == b.duplicates && a.conflicts == b.conflicts, "\(label): duplicates and conflicts")
        #expect(a.texts.count == b.texts.count && a.snapshotCount == b.snapshotCount, "\(label): texts and snapshots")
        var differing = 0
        for kind in Kind.allCases {
            #expect(a.count(kind) == b.count(kind), "\(label): \(kind) items")
            guard a.count(kind) == b.count(kind) else { continue }
            for i in 0..<Int32(a.count(kind)) where a.id(kind, i) != b.id(kind, i) || a.history(kind, i) != b.history(kind, i) {
                differing += 1
            }
        }
        #expect(differing == 0, "\(label): items whose id or timeline differ")
        // Equal symbols must name equal texts (the free ones included).
        for kind in Kind.allCases where a.count(kind) == b.count(kind) {
            for i in 0..<Int32(a.count(kind)) {
                let x = a.item(kind, at: i), y = b.item(kind, at: i)
                if x.id != y.id || x.history != y.history { differing += 1 }
            }
        }
        #expect(differing == 0, "\(label): items that read differently")
    }

    /// Every batch size and thread count against one thread, for the store and for `check`.
    static func expectSameEverywhere(_ paths: [String], maxLineBytes: Int = FeedParser.maxLineBytes) {
        let one = load(paths, threads: 1, maxLineBytes: maxLineBytes)
        let oneCheck = check(paths, threads: 1, maxLineBytes: maxLineBytes)
        for batchBytes in [64, 1000, 64 << 10] {
            for threads in [2, 3] {
                let label = "batch \(batchBytes), \(threads) threads, lines ≤ \(maxLineBytes)"
                expectSame(one, load(paths, threads: threads, batchBytes: batchBytes, maxLineBytes: maxLineBytes), label)
                #expect(check(paths, threads: threads, batchBytes: batchBytes, maxLineBytes: maxLineBytes) == oneCheck,
                        "\(label): check")
            }
        }
    }

    @Test func conformanceCasesLoadTheSame() throws {
        let paths = ["accept.jsonl", "reject.jsonl"].map { Fixtures.conformance.appendingPathComponent($0).path }
        let one = Self.load(paths, threads: 1)
        // Something of each: accepted records and refused lines.
        #expect(one.records > 50 && one.quarantinedTotal > 150)
        Self.expectSameEverywhere(paths)
    }

    @Test func mutatedFeedsLoadTheSame() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try Data(MutatedFeed.bytes(seed: 11, profile: .bench2026, days: 2, finalNewline: true))
            .write(to: folder.url.appendingPathComponent("a.jsonl"))
        try Data(MutatedFeed.bytes(seed: 12, profile: .district, days: 3, finalNewline: false))
            .write(to: folder.url.appendingPathComponent("b.jsonl"))
        try Data().write(to: folder.url.appendingPathComponent("c.jsonl"))
        let one = Self.load([folder.path], threads: 1)
        // The mutations reach the store: refusals, duplicates, conflicts, notices.
        #expect(one.records > 2_000 && one.quarantinedTotal > 50)
        #expect(one.duplicates > 10 && one.conflicts > 10 && one.count(.notice) > 0)
        Self.expectSameEverywhere([folder.path])
        // Lines over the limit are refused by the tailer, in their place among the rest.
        #expect(Self.load([folder.path], threads: 1, maxLineBytes: 2_000).quarantinedTotal > one.quarantinedTotal)
        Self.expectSameEverywhere([folder.path], maxLineBytes: 2_000)
    }

    @Test func aTasksNewNamesGetTheOneThreadSymbols() throws {
        // A task's unit is interned before its town: when both are new, the
        // symbols tell whether that order was kept.
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.file("a.jsonl")
        let lines = [Line.task("T1", "2026-11-28T09:00:00+08:00", due: "2026-11-28T10:00:00+08:00", unit: "新的中队"),
                     Line.event("E1", "2026-11-28T09:00:00+08:00")]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let one = Self.load([path], threads: 1)
        #expect(one.records == 2)
        Self.expectSame(one, Self.load([path], threads: 2, batchBytes: 64), "a task first")
    }

    @Test func oneThreadIsTheStoresOwnPath() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.file("a.jsonl")
        try Data(MutatedFeed.bytes(seed: 13, profile: .bench2026, days: 1, finalNewline: true)).write(to: URL(fileURLWithPath: path))
        let store = Store()
        var sink = store
        let tailer = FeedTailer(paths: [path])
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        Self.expectSame(store, Self.load([path], threads: 1), "store as sink")
        Self.expectSame(store, Self.load([path], threads: 2), "two threads")
    }
}

/// A generated feed broken in every way the parallel load must survive:
/// bytes flipped, lines cut, duplicates and conflicts, escaped texts and ids,
/// long lines, blank lines, CRLF endings, and optionally no final newline.
enum MutatedFeed {
    static func bytes(seed: UInt64, profile: FeedGenerator.Profile, days: Int, finalNewline: Bool) -> [UInt8] {
        var g = FeedGenerator(seed: seed, start: GeneratedFeed.monday, profile: profile)
        var lines: [[UInt8]] = []
        g.generate(days: days) { r in
            var out: [UInt8] = []
            RecordWriter.append(r, to: &out, newline: false)
            lines.append(out)
        }
        var rng = SplitMix(seed: seed)
        var out: [[UInt8]] = []
        for var line in lines {
            switch rng.below(100) {
            case 0..<3: line[rng.below(line.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 3..<5: line.removeLast(1 + rng.below(line.count - 1))
            case 5..<9: out.append(line)   // a duplicate, now or a few lines on
            case 9..<13: out.append(Array(line.dropLast()) + Array(#","note":"改过"}"#.utf8))   // same id and ts: a conflict
            case 13..<15: line = Array(line.dropLast()) + Array(#","note":""#.utf8) + Array(repeating: 0x78, count: 3_000 + rng.below(3_000)) + Array(#""}"#.utf8)
            case 15..<17: line = replace(line, #""town":""#, #""town":"\u0041"#)
            case 17..<19: line = replace(line, #""id":""#, #""id":"\u0058"#)
            case 19..<21: line.append(0x0D)
            case 21: out.append([])
            case 22: out.append(Array(NoticeLine.make("N\(out.count)", "2026-11-23T10:00:00+08:00").utf8))
            default: break
            }
            out.append(line)
            if rng.chance(2), let earlier = out.dropLast().last { out.append(earlier) }
        }
        var bytes = out.joined(separator: [0x0A]).map { $0 }
        if finalNewline { bytes.append(0x0A) }
        return bytes
    }

    private static func replace(_ line: [UInt8], _ what: String, _ with: String) -> [UInt8] {
        let s = String(decoding: line, as: UTF8.self)
        return Array(s.replacingOccurrences(of: what, with: with).utf8)
    }
}
