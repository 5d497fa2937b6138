import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The parser against the JSONTestSuite conformance cases and every class of
/// bad input the feed contract names.
@Suite struct ParserTests {
    @Test func acceptsEveryConformanceAcceptLine() throws {
        let data = try Data(contentsOf: Fixtures.conformance.appendingPathComponent("accept.jsonl"))
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 88)
        for (n, line) in lines.enumerated() {
            let result = TestSupport.parse(Array(line))
            if case .failure(let e) = result { Issue.record("accept.jsonl:\(n + 1) refused: \(e)") }
        }
    }

    @Test func refusesEveryConformanceRejectLine() throws {
        let data = try Data(contentsOf: Fixtures.conformance.appendingPathComponent("reject.jsonl"))
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 177)
        for (n, line) in lines.enumerated() {
            if case .success = TestSupport.parse(Array(line)) { Issue.record("reject.jsonl:\(n + 1) accepted") }
        }
    }

    @Test func parsesAnEvent() throws {
        let r = try TestSupport.parse(Line.event("E1", "2026-11-28T09:15:02+08:00", extra: #","note":"a\u001b[2Jb","x":[1,{"y":null}]"#)).get()
        #expect(r.id == "E1")
        #expect(r.snapshot.ts == Timestamp.millis(year: 2026, month: 11, day: 28, hour: 9, minute: 15, second: 2))
        #expect(r.snapshot.note == "a\u{1b}[2Jb")   // kept in the store, sanitised on display
        guard case .event(let e) = r.snapshot.body else { Issue.record("not an event"); return }
        #expect(e.town == "锦屏街道" && e.priority == 2 && e.source == .grid && e.status == .open)
    }

    @Test func parsesTaskWithNullEventAndCRLF() throws {
        var p = FeedParser()
        let line = Line.task("T1", "2026-11-28T09:00:00Z", due: "2026-11-28T11:00:00Z", event: "null") + "\r"
        let r = try p.parseRecord(line).get()
        guard case .task(let t) = r.snapshot.body else { Issue.record("not a task"); return }
        #expect(t.event == nil && t.type == .empowered && t.status == .dispatched)
        #expect(t.due - r.snapshot.ts == 2 * 3_600_000)
    }

    @Test(arguments: [
        // (line, error class, text the message must contain)
        ("{\"kind\":\"event\",", FeedError.Class.invalidJSON, "invalid JSON at byte"),
        ("[1,2]", .notObject, "not an object"),
        ("\"just a string\"", .notObject, "not an object"),
        (Line.event("E1", "2026-11-28T09:00:00Z", extra: #","status":"closed""#), .duplicateKey, "duplicate key \"status\""),
        (Line.event("E1", "2026-11-28T09:00:00Z", extra: #","x":1,"x":2"#), .duplicateKey, "duplicate key \"x\""),
        (#"{"kind":"event","id":"E1","ts":"2026-11-28T09:00:00Z"}"#, .missingField, "missing field \"town\""),
        (#"{"id":"E1"}"#, .missingField, "missing field \"kind\""),
        (Line.event("E1", "2026-11-28T09:00:00Z", priority: "\"2\""), .wrongType, "field \"priority\": expected an integer 1–4, got string"),
        (Line.event("E1", "2026-11-28T09:00:00Z", priority: "2.5"), .wrongType, "field \"priority\""),
        (Line.event("E1", "2026-11-28T09:00:00Z", priority: "7"), .outOfRange, "field \"priority\": 7 out of range 1–4"),
        (Line.event("E1", "2026-11-28T09:00:00Z", priority: "99999999999999999999999"), .outOfRange, "field \"priority\""),
        (Line.event("E1", "2026-11-28T09:00:00Z", status: "pending"), .unknownValue, "field \"status\": unknown value \"pending\""),
        (#"{"kind":"incident","id":"E1","ts":"2026-11-28T09:00:00Z"}"#, .unknownValue, "unknown kind \"incident\""),
        (Line.event("E1", "2026-02-30T09:00:00+08:00"), .badTimestamp, "field \"ts\": timestamp day out of range"),
        (Line.event("E1", "2026-11-28T09:00:00"), .badTimestamp, "field \"ts\": timestamp has no zone"),
        (Line.event("E1", "2026-11-28 9:00"), .badTimestamp, "field \"ts\": not an RFC 3339 timestamp"),
        (Line.event("E1", "2026-11-28T24:00:00Z"), .badTimestamp, "hour out of range"),
        (Line.task("T1", "2026-11-28T09:00:00Z", due: "soon"), .badTimestamp, "field \"due\""),
        (Line.event(String(repeating: "x", count: 65), "2026-11-28T09:00:00Z"), .outOfRange, "field \"id\": length 65"),
        (Line.event("", "2026-11-28T09:00:00Z"), .outOfRange, "field \"id\": length 0"),
        (Line.event("E1", "2026-11-28T09:00:00Z", town: ""), .outOfRange, "field \"town\": must not be empty"),
        (#"{"kind":"event","id":7,"ts":"2026-11-28T09:00:00Z"}"#, .wrongType, "field \"id\": expected a string, got number"),
        (Line.task("T1", "2026-11-28T09:00:00Z", due: "2026-11-28T11:00:00Z", event: "42"), .wrongType, "field \"event\": expected a string or null"),
        (#"{"kind":"alert","id":"A1","ts":"2026-11-28T09:00:00Z","level":"warning","type":"Bad Type!","title":"t","status":"open"}"#, .unknownValue, "field \"type\""),
        (Line.event("E1", "2026-11-28T09:00:00Z", extra: #","bad":"\ud800""#), .invalidJSON, "lone high surrogate"),
        ("", .invalidJSON, "empty line"),
    ])
    func refusesBadInputNamingTheField(line: String, errorClass: FeedError.Class, text: String) {
        let e = TestSupport.error(line)
        #expect(e?.errorClass == errorClass, "\(line) → \(String(describing: e))")
        #expect(e?.message.contains(text) == true, "\(line) → \(String(describing: e))")
    }

    /// Escaped enum values are undone, then matched like plain ones; an
    /// escaped unknown value is refused with its field named.
    @Test func escapedEnumValuesAreMatched() throws {
        let line = Line.event("E1", "2026-11-28T09:00:00Z", status: #"\u0064ispatched"#)
            .replacingOccurrences(of: #""kind":"event""#, with: #""kind":"ev\u0065nt""#)
            .replacingOccurrences(of: #""source":"grid""#, with: #""source":"gr\u0069d""#)
        let r = try TestSupport.parse(line).get()
        #expect(r.snapshot.kind == .event && r.snapshot.statusWire == "dispatched")
        if case .event(let e) = r.snapshot.body { #expect(e.source == .grid) } else { Issue.record("not an event") }
        let bad = TestSupport.error(Line.event("E1", "2026-11-28T09:00:00Z", status: #"\u0064one"#))
        #expect(bad?.message.contains("status") == true && bad?.message.contains("done") == true)
        // An alert's type (a rule name, not an enum) the same way, escaped or not.
        func alert(_ type: String) -> String {
            #"{"kind":"alert","id":"A1","ts":"2026-11-28T09:00:00Z","level":"warning","type":"\#(type)","title":"t","status":"open"}"#
        }
        for type in ["bulletin", #"bull\u0065tin"#] {
            let a = try TestSupport.parse(alert(type)).get()
            if case .alert(let body) = a.snapshot.body { #expect(body.type == "bulletin") } else { Issue.record("not an alert") }
        }
        for type in ["Bad", #"B\u0061d"#, ""] {
            #expect(TestSupport.error(alert(type))?.message.contains(#"field "type""#) == true, "\(type)")
        }
    }

    /// The scanner's key lookup (a `switch` on the key as one word) finds
    /// each field by its name and nothing for a name one byte off.
    @Test func fieldWordsMatchTheNames() {
        func word(_ s: [UInt8]) -> UInt64 { s.withUnsafeBytes { ByteHash.firstWords($0).0 } }
        for f in Field.allCases {
            let name = Array(f.name.utf8)
            if name.count > 8 {
                // `replied_by` and `satisfied` (issue 13): matched off the word switch, by their bytes.
                #expect(name.withUnsafeBytes { Field.match($0.baseAddress!, name.count) } == f)
                var near = name
                near[0] ^= 1
                #expect(near.withUnsafeBytes { Field.match($0.baseAddress!, near.count) } == nil)
                continue
            }
            #expect(name.count <= 8)
            #expect(Field.match(word: word(name)) == f)
            for i in name.indices {
                for delta: UInt8 in [1, 0x20, 0x80] {
                    var near = name
                    near[i] ^= delta
                    #expect(Field.match(word: word(near)) == Field.allCases.first { Array($0.name.utf8) == near })
                }
            }
        }
        #expect(Field.match(word: 0) == nil)
    }

    /// Every wire name of every enum decodes to its own case through the
    /// parser's one match table, and a name one byte off is refused.
    @Test func everyWireNameDecodesToItsCase() throws {
        let ts = "2026-11-28T09:15:02+08:00", due = "2026-11-29T09:15:02+08:00"
        func line(_ kind: String, _ fields: String) -> String {
            #"{"kind":"\#(kind)","id":"X1","ts":"\#(ts)",\#(fields)}"#
        }
        var lines: [(String, (CompactSnapshot) -> Bool)] = []
        for s in EventSource.allCases {
            for st in EventStatus.allCases {
                lines.append((line("event", #""town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"\#(s.wire)","title":"t","status":"\#(st.wire)""#),
                              { $0.code == s.rawValue && $0.status == st.rawValue }))
            }
        }
        for t in TaskType.allCases {
            for st in TaskStatus.allCases {
                for o in TaskOutcome.allCases {
                    lines.append((line("task", #""event":null,"type":"\#(t.wire)","unit":"u","town":"溪口镇","due":"\#(due)","status":"\#(st.wire)","outcome":"\#(o.wire)""#),
                                  { $0.code == t.rawValue && $0.status == st.rawValue && $0.outcome == o.rawValue }))
                }
            }
        }
        for tier in MediationTier.allCases {
            for st in MediationStatus.allCases {
                lines.append((line("mediation", #""town":"溪口镇","category":"邻里","tier":"\#(tier.wire)","status":"\#(st.wire)""#),
                              { $0.code == tier.rawValue && $0.status == st.rawValue }))
            }
        }
        for l in AlertLevel.allCases {
            for st in AlertStatus.allCases {
                lines.append((line("alert", #""level":"\#(l.wire)","type":"bulletin","title":"t","status":"\#(st.wire)""#),
                              { $0.code == l.rawValue && $0.status == st.rawValue }))
            }
        }
        for t in NoticeType.allCases {
            for st in NoticeStatus.allCases {
                lines.append((line("notice", #""type":"\#(t.wire)","number":"n","title":"t","to":["u"],"refs":[],"body":"b","due":null,"status":"\#(st.wire)","reply":"r","replied_by":"u""#),
                              { $0.code == t.rawValue && $0.status == st.rawValue }))
            }
        }
        let store = Store(clock: .eventTime)
        var parser = FeedParser(texts: store.texts)
        for (text, check) in lines {
            var text = text
            let result = text.withUTF8 { parser.parseCompact(UnsafeRawBufferPointer($0)) }
            let s = try result.get()
            #expect(check(s), "\(text)")
        }
        #expect(lines.count == 7 * 5 + 6 * 6 * 5 + 3 * 6 + 3 * 3 + 3 * 4)
        // One byte off, one byte short, one byte long: refused, naming the field.
        for bad in ["dispatche", "dispatchedd", "dispatchee", "Dispatched", ""] {
            let e = TestSupport.error(Line.event("E1", ts, status: bad))
            #expect(e?.message.contains("status") == true, "\(bad): \(String(describing: e))")
        }
    }

    @Test func refusesInvalidUTF8() {
        var bytes = Array(Line.event("E1", "2026-11-28T09:00:00Z").utf8)
        let at = bytes.firstIndex(of: "占".utf8.first!)!
        bytes[at] = 0xFF
        guard case .failure(let e) = TestSupport.parse(bytes) else { Issue.record("accepted"); return }
        #expect(e.errorClass == .invalidUTF8)
        #expect(e.message.contains("invalid UTF-8 at byte \(at + 1)"))
    }

    @Test func refusesOverlongLine() {
        let big = Line.event("E1", "2026-11-28T09:00:00Z", extra: ",\"pad\":\"" + String(repeating: "a", count: 1 << 20) + "\"")
        #expect(TestSupport.error(big)?.errorClass == .tooLong)
    }

    @Test func survivesDeepNesting() {
        let deep = Line.event("E1", "2026-11-28T09:00:00Z", extra: ",\"x\":" + String(repeating: "[", count: 100_000))
        #expect(TestSupport.error(deep)?.errorClass == .invalidJSON)
        let closed = Line.event("E1", "2026-11-28T09:00:00Z",
                                extra: ",\"x\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000))
        #expect(TestSupport.error(closed) == nil)
    }

    @Test func escapedKeysMatchKnownFields() throws {
        let line = Line.event("E1", "2026-11-28T09:00:00Z").replacingOccurrences(of: "\"title\"", with: "\"ti\\u0074le\"")
        let r = try TestSupport.parse(line).get()
        guard case .event(let e) = r.snapshot.body else { return }
        #expect(e.title == "占道经营")
    }

    @Test func timestampsRoundTrip() throws {
        for s in ["2026-11-28T09:15:02+08:00", "2024-02-29T23:59:59Z", "2026-01-01T00:00:00.250-05:30"] {
            let p = try Timestamp.parse(s).get()
            #expect(Timestamp.format(p.millis, offsetMinutes: p.offsetMinutes) == s)
        }
        #expect(throws: TimestampError.outOfRange("day")) { try Timestamp.parse("2025-02-29T00:00:00Z").get() }
        #expect(try Timestamp.parse("2026-11-28T01:00:00+08:00").get().millis
                == Timestamp.parse("2026-11-27T17:00:00Z").get().millis)
    }

    /// The time of day is read as one word: every digit and colon position checked.
    @Test func timeOfDayIsCheckedByteByByte() throws {
        #expect(try Timestamp.parse("2026-11-28T23:59:60Z").get().exact
                == Timestamp.parse("2026-11-28T23:59:59.999999Z").get().exact)   // a leap second: the minute's last µs
        #expect(try Timestamp.parse("2026-11-28t09:05:07z").get().millis
                == Timestamp.millis(year: 2026, month: 11, day: 28, hour: 17, minute: 5, second: 7))   // +08:00
        #expect(throws: TimestampError.outOfRange("hour")) { try Timestamp.parse("2026-11-28T24:00:00Z").get() }
        #expect(throws: TimestampError.outOfRange("minute")) { try Timestamp.parse("2026-11-28T12:60:00Z").get() }
        #expect(throws: TimestampError.outOfRange("second")) { try Timestamp.parse("2026-11-28T12:00:61Z").get() }
        let good = Array("2026-11-28T12:34:56Z".utf8)
        for i in 11...18 {
            for bad: UInt8 in [0x2F, 0x3A, 0x3B, 0x41, 0x20, 0x30 | 0x80, 0x39 + 1] where bad != good[i] {
                var t = good
                t[i] = bad
                let r = t.withUnsafeBytes { Timestamp.parse($0) }
                if case .success = r { Issue.record("accepted \(String(decoding: t, as: UTF8.self))") }
            }
            var t = good
            t[i] = i == 13 || i == 16 ? 0x35 : 0x3A   // a digit where a colon belongs, and the reverse
            if case .success = t.withUnsafeBytes({ Timestamp.parse($0) }) { Issue.record("accepted byte \(i)") }
        }
    }

    /// The zone offset is read as one word too: every position checked.
    @Test func offsetIsCheckedByteByByte() throws {
        #expect(try Timestamp.parse("2026-11-28T09:15:02-05:30").get().offsetMinutes == -330)
        #expect(try Timestamp.parse("2026-11-28T09:15:02.5+23:59").get().offsetMinutes == 1439)
        #expect(throws: TimestampError.outOfRange("offset")) { try Timestamp.parse("2026-11-28T09:15:02+24:00").get() }
        #expect(throws: TimestampError.outOfRange("offset")) { try Timestamp.parse("2026-11-28T09:15:02+08:60").get() }
        let good = Array("2026-11-28T09:15:02+08:00".utf8)
        for i in 20...24 {
            for bad: UInt8 in [0x2F, 0x3A, 0x3B, 0x41, 0x20, 0x30 | 0x80, 0x39 + 1, 0x2B] where bad != good[i] {
                var t = good
                t[i] = bad
                if case .success = t.withUnsafeBytes({ Timestamp.parse($0) }) {
                    Issue.record("accepted \(String(decoding: t, as: UTF8.self))")
                }
            }
            var t = good
            t[i] = i == 22 ? 0x35 : 0x3A   // a digit where the colon belongs, and the reverse
            if case .success = t.withUnsafeBytes({ Timestamp.parse($0) }) { Issue.record("accepted byte \(i)") }
        }
        // The same through a cache that holds the good offset (as the parser's does, line after line).
        var cache = Timestamp.DayCache()
        for i in 20...24 {
            for bad: UInt8 in [0x2F, 0x3A, 0x41, 0x39 + 1, 0x2B, 0x2D] where bad != good[i] {
                #expect(try good.withUnsafeBytes { Timestamp.parse($0, days: &cache) }.get().offsetMinutes == 480)
                var t = good
                t[i] = bad
                let r = t.withUnsafeBytes { Timestamp.parse($0, days: &cache) }
                switch r {
                case .success(let p): #expect(bad == 0x2D && i == 20 && p.offsetMinutes == -480, "accepted \(String(decoding: t, as: UTF8.self))")
                case .failure: break
                }
            }
        }
        let other = Array("2026-11-28T09:15:02-05:30".utf8)
        #expect(try other.withUnsafeBytes { Timestamp.parse($0, days: &cache) }.get().offsetMinutes == -330)
    }
}
