import Testing
@testable import DutyCore

@Suite("RecordWriter")
struct RecordWriterTests {
    static let ts = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 9, minute: 15, second: 2)

    static func event(_ text: String = "占道经营") -> Record {
        Record(id: "SJ-20261128-0042", snapshot: Snapshot(
            ts: ts, by: "王建国", body: .event(EventBody(
                town: "锦屏街道", grid: "JP-03-12", domain: "市容环境", priority: 3, source: .grid,
                title: text, status: .open, detail: "南门社区菜场门口", reporter: "王建国"))))
    }

    static func task(_ text: String = "属地不符", event: String? = "SJ-20261128-0042") -> Record {
        Record(id: "ZF-20261128-0007", snapshot: Snapshot(
            ts: ts + 3_600_000, by: "锦屏派出所", note: text, body: .task(TaskBody(
                event: event, type: .empowered, unit: "锦屏街道综合行政执法中队", town: "锦屏街道",
                due: ts + 86_400_000, status: .returned, outcome: nil, reason: text))))
    }

    static func mediation(_ text: String = "邻里") -> Record {
        Record(id: "TJ-20261128-003", snapshot: Snapshot(
            ts: ts + 1_500, offsetMinutes: 0, by: text, note: text, body: .mediation(MediationBody(
                town: "松岙镇", category: text, tier: .town, status: .escalated, village: "湖头渡村"))))
    }

    static func alert(_ text: String = "超期催办") -> Record {
        Record(id: "GJ-20261128-007", snapshot: Snapshot(
            ts: ts - 7, offsetMinutes: -330, by: "值班规则引擎", body: .alert(AlertBody(
                level: .critical, type: "overdue", title: text, status: .acked, ref: "task:ZF-20261128-0007"))))
    }

    static let nasty = [
        "say \"hi\"", "back\\slash\\", "\\\"", "/slash/",
        "nul\u{0}soh\u{1}nl\ncr\rtab\tbs\u{8}ff\u{C}us\u{1F}del\u{7F}",
        "🚒 火警 👩‍👩‍👧 e\u{301}", "锦屏街道「占道经营」", "\u{2028}\u{2029}\u{FEFF}", "\u{10FFFF}", "x",
    ]

    static func roundTrips(_ r: Record) -> Bool {
        var parser = FeedParser()
        let line = RecordWriter.line(r)
        guard case .success(let back) = parser.parseRecord(line) else { return false }
        return back == r
    }

    @Test func exactEventLine() {
        #expect(RecordWriter.line(Self.event()) == """
            {"kind":"event","id":"SJ-20261128-0042","ts":"2026-11-28T09:15:02+08:00","town":"锦屏街道",\
            "grid":"JP-03-12","domain":"市容环境","priority":3,"source":"grid","title":"占道经营",\
            "status":"open","detail":"南门社区菜场门口","reporter":"王建国","by":"王建国"}
            """)
    }

    @Test func exactTaskLineWithNullEvent() {
        #expect(RecordWriter.line(Self.task(event: nil)) == """
            {"kind":"task","id":"ZF-20261128-0007","ts":"2026-11-28T10:15:02+08:00","event":null,\
            "type":"empowered","unit":"锦屏街道综合行政执法中队","town":"锦屏街道",\
            "due":"2026-11-29T09:15:02+08:00","status":"returned","reason":"属地不符",\
            "by":"锦屏派出所","note":"属地不符"}
            """)
    }

    @Test func escapes() {
        let line = RecordWriter.line(Self.event("a\"b\\c\n\u{0}\u{1F}\u{7F}\t\r\u{8}\u{C}é"))
        #expect(line.contains(#""title":"a\"b\\c\n\u0000\u001f\u007f\t\r\b\fé""#))
    }

    @Test func byteVariantMatchesLine() {
        var bytes: [UInt8] = []
        RecordWriter.append(Self.mediation(), to: &bytes)
        RecordWriter.append(Self.alert(), to: &bytes, newline: false)
        let expected = RecordWriter.line(Self.mediation()) + "\n" + RecordWriter.line(Self.alert())
        #expect(bytes == Array(expected.utf8))
    }

    @Test func plainRecordsRoundTrip() {
        for r in [Self.event(), Self.task(), Self.task(event: nil), Self.mediation(), Self.alert()] {
            #expect(Self.roundTrips(r), "\(RecordWriter.line(r))")
        }
    }

    /// A loop, not test arguments: the runner would print the raw control characters.
    @Test func nastyStringsRoundTripInEveryKind() {
        for text in Self.nasty {
            for r in [Self.event(text), Self.task(text), Self.mediation(text), Self.alert(text)] {
                #expect(Self.roundTrips(r), "\(Sanitize.visible(RecordWriter.line(r)))")
            }
        }
    }

    /// `Timestamp.append` writes the bytes of `Timestamp.format`: across years
    /// (0000, negative, five- and six-digit), at year and day boundaries, with and
    /// without milliseconds, in zero, positive, negative, odd and extreme offsets.
    /// Every instant written in every valid offset parses back to itself.
    @Test func timestampBytesRoundTrip() {
        let offsets: [Int16] = [0, 480, -330, 345, -720, 840, 1, -1, -59, 599, 1_439, -1_439]
        var instants: [Millis] = [0, -1, 1, 999, -999, 1_000, -1_000, 86_399_999, -86_400_001]
        for year in [-10_000, -1, 0, 1, 1899, 1969, 1970, 1999, 2000, 2024, 2025, 2026, 2100, 9999, 10_000, 123_456] {
            let newYear = Timestamp.millis(year: year, month: 1, day: 1, offsetMinutes: 0)
            let endOfFebruary = Timestamp.millis(year: year, month: 2, day: 28, hour: 23, minute: 59, second: 59, offsetMinutes: 0)
            for delta: Millis in [-86_400_000, -1_000, -1, 0, 1, 10, 100, 999, 1_000, 86_400_000] {
                instants += [newYear + delta, endOfFebruary + delta]
            }
        }
        var x: UInt64 = 0x2026_1128
        for _ in 0..<6_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Half within ±140,000 years, half within ±35 years of 2023; a
            // quarter of all draws on a whole second.
            let r = Millis(bitPattern: x)
            let t = x & 1 << 40 == 0 ? r >> 11 : 1_700_000_000_000 + (r >> 22)
            instants.append(x & 3 << 41 == 0 ? t / 1_000 * 1_000 : t)
        }
        var out: [UInt8] = [0x78]
        var mismatches = 0
        let lowest = Timestamp.millis(year: 0, month: 1, day: 2, offsetMinutes: 0)
        let highest = Timestamp.millis(year: 9999, month: 12, day: 30, offsetMinutes: 0)
        for t in instants where t >= lowest && t <= highest {
            for o in offsets {
                out.removeSubrange(1...)
                Timestamp.append(t, offsetMinutes: o, to: &out)
                let written = out.dropFirst()
                let back = written.withContiguousStorageIfAvailable { Timestamp.parse(UnsafeRawBufferPointer($0)) }
                    ?? Array(written).withUnsafeBytes { Timestamp.parse($0) }
                if case .success(let p) = back, p.millis == t, p.offsetMinutes == o { continue }
                mismatches += 1
                if mismatches < 5 { Issue.record("\(t) \(o): \(String(decoding: written, as: UTF8.self)) → \(back)") }
            }
        }
        #expect(mismatches == 0)
        #expect(out.first == 0x78)
    }

    @Test func offsetsAndMillisRoundTrip() {
        // Z, a negative half-hour offset and a fraction of a second.
        #expect(RecordWriter.line(Self.mediation()).contains(#""ts":"2026-11-28T01:15:03.500Z""#))
        #expect(RecordWriter.line(Self.alert()).contains(#""ts":"2026-11-27T19:45:01.993-05:30""#))
        #expect(Self.roundTrips(Self.mediation()) && Self.roundTrips(Self.alert()))
    }
}
