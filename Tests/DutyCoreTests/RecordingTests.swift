import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Replay must be faithful: the state it reaches equals `stats` of the same
/// files, however it gets there (rebuild, many small feeds, seek back).
@Suite struct RecordingTests {
    static let start = try! Timestamp.parse("2026-11-28T00:00:00+08:00").get().millis

    /// A generated day split into two interleaved files (so neither alone is
    /// the whole story and the merge must sort), plus a duplicate, a conflict
    /// and a bad line in the second file.
    static func feeds(in dir: URL, days: Int = 1) throws -> (a: String, b: String, lines: [String]) {
        let whole = dir.appendingPathComponent("whole.jsonl.gen").path
        try FeedGenerator.write(seed: 11, start: start, days: days, profile: .bench2026, to: whole)
        let lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        var a: [String] = [], b: [String] = []
        for (i, line) in lines.enumerated() { if i % 2 == 0 { a.append(line) } else { b.append(line) } }
        b.insert(a[10], at: 3)                                             // a duplicate
        b.append(String(a[20].dropLast()) + #","note":"conflicting copy"}"#) // a conflict: same kind, id, ts
        b.insert(#"{"kind":"event","id":"X1","ts":"not a time"}"#, at: 7)   // a bad line
        let pa = dir.appendingPathComponent("a.jsonl").path, pb = dir.appendingPathComponent("b.jsonl").path
        try (a.joined(separator: "\n") + "\n").write(toFile: pa, atomically: true, encoding: .utf8)
        try (b.joined(separator: "\n") + "\n").write(toFile: pb, atomically: true, encoding: .utf8)
        return (pa, pb, lines)
    }

    /// What `dutydesk stats --at T` computes: the files ingested in file order.
    static func stats(_ paths: [String], at t: Millis) -> String {
        let store = Store(clock: .fixed(t))
        var sink = store
        let tailer = FeedTailer(paths: paths)
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        return StatsReport(store: store).json
    }

    @Test func rebuildAtTheEndEqualsStats() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let recording = Recording(paths: [f.a, f.b])
        #expect(recording.problems.isEmpty)
        #expect(recording.count == f.lines.count + 2)
        #expect(recording.quarantined.count == 1)
        let end = try #require(recording.endTs)
        let store = recording.rebuild(at: end, clock: .fixed(end))
        #expect(store.duplicates == 1 && store.conflicts == 1 && store.quarantinedTotal == 1)
        #expect(StatsReport(store: store).json == Self.stats([f.a, f.b], at: end))
        #expect(recording.position == recording.count)
    }

    @Test func recordsAreSortedByTsThenFileOrder() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let recording = Recording(paths: [f.b, f.a])
        for i in 1..<recording.count { #expect(recording.ts(at: i - 1) <= recording.ts(at: i)) }
        #expect(recording.startTs == recording.ts(at: 0))
        // Fed in either file order, the first-listed file wins the conflict, as in `stats`.
        let end = try #require(recording.endTs)
        #expect(StatsReport(store: recording.rebuild(at: end, clock: .fixed(end))).json == Self.stats([f.b, f.a], at: end))
    }

    @Test func feedingInSmallStepsEndsLikeRebuild() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let recording = Recording(paths: [f.a, f.b])
        let first = try #require(recording.startTs), end = try #require(recording.endTs)
        let store = Store(clock: .fixed(end))
        for q in recording.quarantined { store.refuse(q) }
        var t = first - 1, fed = 0
        while t < end {
            t += 7 * 60_000 + 13
            fed += recording.feed(until: t, into: store)
        }
        #expect(fed == recording.count)
        #expect(recording.feed(until: end, into: store) == 0)
        #expect(StatsReport(store: store).json == StatsReport(store: recording.rebuild(at: end, clock: .fixed(end))).json)
    }

    @Test func rebuildAtAnyTimeEqualsFeedingUpToIt() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let recording = Recording(paths: [f.a, f.b])
        let first = try #require(recording.startTs), end = try #require(recording.endTs)
        for t in [first - 1, first, first + (end - first) / 3, first + (end - first) / 2, end] {
            let played = Store(clock: .fixed(t))
            for q in recording.quarantined { played.refuse(q) }
            recording.reset()
            var step = first - 1
            while step < t { step = min(t, step + 600_000); recording.feed(until: step, into: played) }
            let rebuilt = recording.rebuild(at: t, clock: .fixed(t))
            #expect(StatsReport(store: rebuilt).json == StatsReport(store: played).json)
            #expect(recording.position == recording.countThrough(t))
            // Seeking back to t and playing on ends in the same state as playing straight.
            recording.feed(until: end, into: rebuilt)
            rebuilt.clock = .fixed(end)
            #expect(StatsReport(store: rebuilt).json == Self.stats([f.a, f.b], at: end))
        }
    }

    /// Seeking back from a checkpoint gives the same state as rebuilding from
    /// the start, and playing on from it ends like playing straight.
    @Test func checkpointsGiveTheSameStateAsRebuildingFromTheStart() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir, days: 2)
        let plain = Recording(paths: [f.a, f.b], checkpointEvery: .max)
        let fast = Recording(paths: [f.a, f.b], checkpointEvery: 300)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        for t in [first, first + (end - first) / 5, first + (end - first) * 3 / 4, end - 3_600_000, end] {
            let a = plain.rebuild(at: t, clock: .fixed(t))
            let b = fast.rebuild(at: t, clock: .fixed(t))
            #expect(StatsReport(store: a).json == StatsReport(store: b).json)
            #expect(fast.position == plain.position)
            for kind in Kind.allCases {
                #expect(a.aggregates.statusCounts[Int(kind.rawValue)] == b.aggregates.statusCounts[Int(kind.rawValue)])
            }
            #expect(a.recentEvents(from: 0, limit: 20).map(\.id) == b.recentEvents(from: 0, limit: 20).map(\.id))
            #expect(a.openTasks(from: 0, limit: 20).map(\.id) == b.openTasks(from: 0, limit: 20).map(\.id))
            fast.feed(until: end, into: b)
            b.clock = .fixed(end)
            #expect(StatsReport(store: b).json == Self.stats([f.a, f.b], at: end))
        }
        // A restored copy never disturbs the checkpoint it came from.
        let again = fast.rebuild(at: first + (end - first) / 5, clock: .fixed(end))
        let same = plain.rebuild(at: first + (end - first) / 5, clock: .fixed(end))
        #expect(StatsReport(store: again).json == StatsReport(store: same).json)
    }

    @Test func fromAndToCutInclusively() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let all = Recording(paths: [f.a, f.b])
        let lo = all.ts(at: all.count / 4), hi = all.ts(at: all.count / 2)
        let cut = Recording(paths: [f.a, f.b], from: lo, to: hi)
        #expect(cut.startTs == lo && cut.endTs == hi)
        #expect(cut.count == all.countThrough(hi) - all.countThrough(lo - 1))
        #expect(cut.quarantined.count == 1)
    }

    @Test func recordThenReplayRoundTrips() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let recording = Recording(paths: [f.a, f.b])
        let out = dir.appendingPathComponent("rec.jsonl.out").path
        try recording.write(to: out)
        let replayed = Recording(paths: [out])
        #expect(replayed.count == recording.count && replayed.quarantined.isEmpty)
        for i in 0..<recording.count {
            let same = recording.withLine(at: i) { a in replayed.withLine(at: i) { b in Platform.equal(a, b) } } ?? nil
            #expect(same == true, "record \(i)")
        }
        let end = try #require(recording.endTs)
        let expected = Self.stats([f.a, f.b], at: end).replacingOccurrences(of: #""quarantined":1,"#, with: #""quarantined":0,"#)
        #expect(StatsReport(store: replayed.rebuild(at: end, clock: .fixed(end))).json == expected)
        #expect(Self.stats([out], at: end) == expected)
    }

    @Test func missingPathsAndEmptySourcesAreSafe() throws {
        let recording = Recording(paths: ["/nonexistent/feed.jsonl"])
        #expect(recording.problems.count == 1)
        #expect(recording.problems[0].hasPrefix("/nonexistent/feed.jsonl: No such file"))
        #expect(recording.count == 0 && recording.startTs == nil && recording.endTs == nil && recording.atEnd)
        let store = recording.rebuild(at: 0, clock: .eventTime)
        #expect(store.records == 0)
        #expect(recording.feed(until: .max, into: store) == 0)
    }

    /// A recording written into the folder it records (`watch f --record
    /// f/rec.jsonl`) is read back as duplicates and not written again: before,
    /// it grew by the whole feed at every poll (20 records: 100, 180, 260 …
    /// lines). Each snapshot is recorded once, however often it is read.
    @Test func aRecordingInsideTheWatchedFolderDoesNotFeedItself() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let feed = (0..<20).map { Line.event("E\($0)", "2026-11-28T09:00:\(String(format: "%02d", $0))+08:00") }
        try (feed.joined(separator: "\n") + "\n").write(toFile: dir.path + "/feed.jsonl", atomically: false, encoding: .utf8)
        let out = dir.path + "/rec.jsonl"
        let store = Store(clock: .eventTime)
        var sink = RecordingSink(inner: store, writer: try RecordingWriter(path: out))
        let tailer = FeedTailer(paths: [dir.path])
        for _ in 0..<5 {
            tailer.poll(into: &sink)
            try sink.writer.flush()
        }
        let recorded = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(recorded.count == 20)
        #expect(sink.recorded == 20)
        #expect(store.duplicates == 20)   // the recording, read back once
    }

    @Test func recordingSinkForwardsEverythingAndRecordsGoodLines() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try Self.feeds(in: dir)
        let out = dir.appendingPathComponent("live.jsonl.out").path
        let store = Store(clock: .eventTime)
        var sink = RecordingSink(inner: store, writer: try RecordingWriter(path: out))
        let tailer = FeedTailer(paths: [f.a, f.b])
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        try sink.writer.flush()
        #expect(store.quarantinedTotal == 1)
        #expect(sink.recorded == store.records - store.duplicates - store.conflicts)
        let recorded = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(recorded.count == sink.recorded)
        // The recording replays to the live store's state: the bad line, the
        // duplicate and the conflicting copy aside (the feeds hold one each).
        #expect(store.duplicates == 1 && store.conflicts == 1)
        let end = try #require(Recording(paths: [out]).endTs)
        store.clock = .fixed(end)
        let live = StatsReport(store: store).json
            .replacingOccurrences(of: #""records":\#(store.records),"quarantined":1,"duplicates":1,"conflicts":1,"#,
                                  with: #""records":\#(sink.recorded),"quarantined":0,"duplicates":0,"conflicts":0,"#)
        #expect(StatsReport(store: Recording(paths: [out]).rebuild(at: end, clock: .fixed(end))).json == live)
    }

    @Test func recordingWriterAppendsAndKeepsRecordsParseable() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let out = dir.appendingPathComponent("actions.jsonl").path
        let line = Line.event("E1", "2026-11-28T09:00:00+08:00")
        do {
            let w = try RecordingWriter(path: out)
            var l = line
            l.withUTF8 { w.append(line: UnsafeRawBufferPointer($0)) }
        }   // flushed and closed on deinit
        let record = try TestSupport.parse(Line.alert("A1", "2026-11-28T09:05:00+08:00")).get()
        let w = try RecordingWriter(path: out)
        w.append(record)
        try w.close()
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2 && lines[0] == line)
        #expect(try TestSupport.parse(lines[1]).get() == record)
        #expect(throws: RecordingError.self) { try RecordingWriter(path: "/nonexistent-dir/x.jsonl") }
    }
}

/// A replay raises the same console alerts at any speed: the console feeds the
/// recording and evaluates the rules once per tick, so a faster replay is the
/// same recording with fewer, larger steps between evaluations.
@Suite struct ReplayAlertTests {
    func play(_ recording: Recording, step: Millis) -> [String] {
        let first = recording.startTs!, end = recording.endTs!
        let store = Store(clock: .fixed(first))
        for q in recording.quarantined { store.refuse(q) }
        recording.reset()
        var rules = AlertRuleEngine()
        var raised: [String] = []
        var t = first
        while true {
            recording.feed(until: t, into: store)
            store.clock = .fixed(t)
            for r in rules.evaluate(store: store, now: t, feed: nil) {
                store.apply(r)
                raised.append(RecordWriter.line(r))
            }
            if t == end { break }
            t = min(end, t + step)
        }
        return raised.sorted()
    }

    @Test func sameAlertsAtOneTimesAndAtMax() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let f = try RecordingTests.feeds(in: dir, days: 2)
        let recording = Recording(paths: [f.a, f.b])
        // 1×: a tick per simulated second is too slow for a test; a minute per
        // evaluation is finer than every rule's timing. Max: one evaluation an hour.
        let slow = play(recording, step: 60_000)
        let fast = play(recording, step: 3_600_000)
        #expect(!slow.isEmpty)
        #expect(slow == fast)
    }
}
