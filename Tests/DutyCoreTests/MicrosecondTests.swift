import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Timestamps keep microseconds (issue 10, item 5): two snapshots of one
/// item within the same millisecond are ordered, not a conflict; the same
/// instant written two ways is one instant; records are written back with
/// their microseconds; digits past the sixth and the leap second are read
/// as the README says.
@Suite struct MicrosecondTests {
    static func event(_ ts: String, status: String = "open") -> String { Line.event("E1", ts, status: status) }

    @Test func snapshotsWithinOneMillisecondAreOrderedNotAConflict() throws {
        let open = Self.event("2026-11-28T09:15:02.0001+08:00")
        let closed = Self.event("2026-11-28T09:15:02.0009+08:00", status: "closed")
        for lines in [[open, closed], [closed, open]] {
            let store = TestSupport.store(lines)
            #expect(store.conflicts == 0 && store.duplicates == 0 && store.quarantinedTotal == 0)
            let item = try #require(store.item(.event, id: "E1"))
            #expect(item.current.statusWire == "closed")
            #expect(item.history.map(\.tsMicros) == [100, 900])
            #expect(store.aggregates.count(.event) == 1)
        }
    }

    @Test func theSameInstantWrittenTwoWaysIsADuplicate() {
        let a = Self.event("2026-11-28T09:15:02.0001+08:00")
        let b = Self.event("2026-11-28T09:15:02.000100+08:00")
        // The same fields in another key order, and the instant in UTC.
        let c = #"{"status":"open","title":"占道经营","source":"grid","priority":2,"domain":"市容环境","grid":"JP-03-12","town":"锦屏街道","ts":"2026-11-28T09:15:02.00010+08:00","id":"E1","kind":"event"}"#
        let store = TestSupport.store([a, b, c])
        #expect(store.duplicates == 2 && store.conflicts == 0)
        // One microsecond apart with other content: a newer state, not a conflict.
        let d = Self.event("2026-11-28T09:15:02.000101+08:00", status: "closed")
        let store2 = TestSupport.store([a, d])
        #expect(store2.conflicts == 0 && store2.item(.event, id: "E1")?.current.statusWire == "closed")
        // The same microsecond with other content is still a conflict.
        let e = Self.event("2026-11-28T09:15:02.000100+08:00", status: "closed")
        #expect(TestSupport.store([a, e]).conflicts == 1)
    }

    @Test func recordsAreWrittenBackWithTheirMicroseconds() throws {
        let line = Line.task("T1", "2026-11-28T09:15:02.0001+08:00", due: "2026-11-28T13:15:02.123456+08:00")
        let record = try TestSupport.parse(line).get()
        #expect(record.snapshot.tsMicros == 100)
        let written = RecordWriter.line(record)
        #expect(written.contains(#""ts":"2026-11-28T09:15:02.000100+08:00""#), "\(written)")
        #expect(written.contains(#""due":"2026-11-28T13:15:02.123456+08:00""#), "\(written)")
        #expect(try TestSupport.parse(written).get() == record)
        // Through the store's compact form and back.
        let store = TestSupport.store([line])
        #expect(store.item(.task, id: "T1")?.current == record.snapshot)
        // Whole milliseconds keep their three digits, whole seconds none.
        #expect(Timestamp.format(Timestamp.millis(year: 2026, month: 11, day: 28) + 5, micros: 0) == "2026-11-28T00:00:00.005+08:00")
        #expect(Timestamp.format(Timestamp.millis(year: 2026, month: 11, day: 28), micros: 7) == "2026-11-28T00:00:00.000007+08:00")
        #expect(Timestamp.format(Timestamp.millis(year: 2026, month: 11, day: 28) - 1, micros: 999) == "2026-11-27T23:59:59.999999+08:00")
    }

    @Test func fractionalDigitsAreReadToTheMicrosecondAndTheRestDropped() throws {
        let cases: [(String, Millis, UInt16)] = [
            (".5", 500, 0), (".12", 120, 0), (".123", 123, 0), (".1234", 123, 400), (".12345", 123, 450),
            (".123456", 123, 456), (".1234567", 123, 456), (".123456999", 123, 456), (".9999999", 999, 999),
            (".000001", 0, 1), (".0000009", 0, 0),
        ]
        let base = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 9, minute: 15, second: 2, offsetMinutes: 0)
        for (fraction, ms, us) in cases {
            let p = try Timestamp.parse("2026-11-28T09:15:02\(fraction)Z").get()
            #expect(p.millis == base + ms && p.micros == us, "\(fraction)")
        }
        #expect(throws: TimestampError.missingZone) { try Timestamp.parse("2026-11-28T09:15:02.1234567x").get() }
        #expect(throws: TimestampError.malformed) { try Timestamp.parse("2026-11-28T09:15:02.Z").get() }
    }

    @Test func aLeapSecondIsTheLastMicrosecondOfItsMinute() throws {
        let last = try Timestamp.parse("2026-12-31T23:59:59.999999Z").get()
        for s in ["2026-12-31T23:59:60Z", "2026-12-31T23:59:60.5Z", "2027-01-01T07:59:60+08:00"] {
            let p = try Timestamp.parse(s).get()
            #expect(p.exact == last.exact, "\(s)")
        }
        #expect(try Timestamp.parse("2026-12-31T23:59:60Z").get().exact < Timestamp.parse("2027-01-01T00:00:00Z").get().exact)
        #expect(Timestamp.format(last.millis, offsetMinutes: 0, micros: last.micros) == "2026-12-31T23:59:59.999999Z")
        // A leap-second report then the next minute's: an update, not a conflict.
        let store = TestSupport.store([Self.event("2027-01-01T07:59:60+08:00"),
                                       Self.event("2027-01-01T08:00:00+08:00", status: "closed")])
        #expect(store.conflicts == 0 && store.item(.event, id: "E1")?.history.count == 2)
        #expect(throws: TimestampError.outOfRange("second")) { try Timestamp.parse("2026-12-31T23:59:61Z").get() }
    }

    /// The journal keeps each item's latest snapshot to the microsecond, so
    /// a check made under its lock sees the newer of two within one millisecond.
    @Test func theJournalSeesTheLaterSnapshotWithinOneMillisecond() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = OperatorJournal(path: path, console: "a"), b = OperatorJournal(path: path, console: "b")
        let open = try TestSupport.parse(Self.event("2026-11-28T09:15:02.0001+08:00")).get()
        let closed = try TestSupport.parse(Self.event("2026-11-28T09:15:02.0009+08:00", status: "closed")).get()
        #expect(a.append([open], expecting: { _ in nil }).isWritten)
        #expect(b.append([closed], expecting: { _ in nil }).isWritten)
        var seen: String?
        let looked = a.append([open], expecting: { view in
            seen = view.latest(.event, id: "E1")?.snapshot.statusWire
            return JournalRefusal("only looking")
        })
        #expect(!looked.isWritten)
        #expect(seen == "closed")
        #expect(String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .contains("09:15:02.000900+08:00"))
    }

    /// A recording plays (and `record` writes) records of one millisecond
    /// in microsecond order, whatever order the files had them in.
    @Test func aRecordingIsOrderedToTheMicrosecond() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let lines = [Self.event("2026-11-28T09:15:02.0009+08:00", status: "closed"),
                     Line.event("E2", "2026-11-28T09:15:02.0005+08:00"),
                     Self.event("2026-11-28T09:15:02.0001+08:00")]
        let feed = dir.appendingPathComponent("a.jsonl").path, out = dir.appendingPathComponent("out.jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let recording = Recording(paths: [feed])
        try recording.write(to: out)
        let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written == [lines[2], lines[1], lines[0]])
    }

    /// The microseconds sit in former padding: the store's entries stay 64 bytes.
    @Test func compactSnapshotKeepsItsSize() {
        #expect(MemoryLayout<CompactSnapshot>.size == 60)
        #expect(MemoryLayout<SnapshotLog.Entry>.stride == 64)
        var s = CompactSnapshot(ts: 0, offsetMinutes: 0, kind: .task, status: 0)
        for exact: Int64 in [0, 1, 999, 1000, 1_764_292_502_000_123, -1, -999, -1000, -1001] {
            s.dueExact = exact
            #expect(s.due * 1000 + Int64(s.dueMicros) == exact && s.dueMicros < 1000, "\(exact)")
        }
    }
}
