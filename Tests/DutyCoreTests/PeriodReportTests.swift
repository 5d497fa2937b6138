import DutyTestSupport
import Testing
@testable import DutyCore

/// The period report (issue 14) over `PeriodFeed`, every figure worked out
/// by hand from the feed's items (see the comments there), every JSON key
/// checked at once.
@Suite struct PeriodReportTests {
    static let from = ms(PeriodFeed.from), to = ms(PeriodFeed.to)

    static func ms(_ s: String) -> Millis { (try? Timestamp.parse(s).get())!.millis }

    static func report(from: Millis = from, to: Millis = to) -> (PeriodReport, Store) {
        let store = TestSupport.store(PeriodFeed.lines)
        return (PeriodReport.compute(store, from: from, to: to), store)
    }

    @Test func everyKeyMatchesTheHandWorkedFigures() {
        let (r, _) = Self.report()
        // Events of the period (first ts in [from, to)): E1 E2 E3 E4 E5 E6 E8 = 7
        // (E0 is before, E7 at `to`). Sources: grid E1, public E2, hotline E3,
        // sensor E5, referral E8, petition E4 E6. States at `to`: E1 closed,
        // E2 E3 self_resolved, E4 E6 dispatched, E5 open (settled only after
        // `to`), E8 cancelled. self_resolved_rate 2/7 = 0.285714… → 0.2857.
        // Enforcement: E1 (T1 joint), E4 (T4 inspection); not E6 (T6 is
        // general, T7 comes after `to`) → 2, of them petitions: E4 → 1.
        let events = #""events":{"total":7,"by_source":{"grid":1,"public":1,"hotline":1,"sensor":1,"upper":0,"referral":1,"petition":2},"#
            + #""by_status":{"open":1,"self_resolved":2,"dispatched":2,"closed":1,"cancelled":1},"self_resolved_rate":0.2857,"enforcement":2,"petition_to_enforcement":1}"#
        // Tasks of the period: T1 T8 (12-01), T4 T5 T10 T6 (12-02) = 6; T9 T0
        // are older, T7 after. Types: joint T1, inspection T4, campaign T8,
        // referral T10, general T5 T6. Done at `to`: T1 T8 T4 = 3 (T6 only
        // after `to`); on time by the first `done`: T1 16:00 ≤ 17:00, T8
        // 18:00 ≤ 18:00, not T4 13:00 > 12:00 → 2, rate 2/3 → 0.6667.
        // Returned: T5 (first reason 属地不符, not the later 权属不清), T10 (职能交叉).
        let tasks = #""tasks":{"total":6,"by_type":{"joint":1,"inspection":1,"empowered":0,"campaign":1,"referral":1,"general":2},"#
            + #""done":3,"on_time":2,"on_time_rate":0.6667,"returned":2,"returned_by_reason":{"属地不符":1,"职能交叉":1}}"#
        // Cases of the period: M1 M2 M3 M4 = 4 (M5 before); resolved at `to`:
        // M1 village, M2 town (the tier of its state, after the escalation),
        // M3 district = 3 (M4 only after `to`); each tier 1/3 → 0.3333.
        let mediation = #""mediation":{"total":4,"resolved":3,"resolved_by_tier":{"village":1,"town":1,"district":1},"split":{"village":0.3333,"town":0.3333,"district":0.3333}}"#
        // Notices of the period: N1 risk_notice, N2 N4 supervision, N3
        // bulletin (N5 before; the alert A1 of type supervision is no notice).
        // Replied on time: N1 only (N2 replied after its due, N3 asks no
        // reply, N4 replied after `to`).
        let notices = #""notices":{"by_type":{"risk_notice":1,"supervision":2,"bulletin":1},"replied_on_time":1}"#
        // Surveyed: E2 true, E3 false (E5's call is after `to`) → 1/2 = 0.5.
        let satisfaction = #""satisfaction":{"surveyed":2,"satisfied":1,"rate":0.5}"#
        // Towns, the district's order. 锦屏: events E1 E4, both enforcement;
        // tasks T1 T4 T5, done T1 (on time) T4 (late) → 0.5; overdue none
        // (T0 is done); resolved M2 M3. 江口: T10 (returned: not done, not
        // overdue). 溪口: events E2 E3, overdue T9 (older, due 11-30), M1.
        // 大堰: E6, T6 overdue at `to` (due 23:00, done at 01:00 after).
        // 松岙: E5, T8 on time → 1. E8's town 外区 is in no row.
        func town(_ name: String, _ e: Int, _ enf: Int, _ t: Int, _ rate: String, _ overdue: Int, _ med: Int) -> String {
            #"{"town":"\#(name)","events":\#(e),"enforcement":\#(enf),"tasks":\#(t),"on_time_rate":\#(rate),"overdue_now":\#(overdue),"mediation_resolved":\#(med)}"#
        }
        let towns = [
            town("锦屏街道", 2, 2, 3, "0.5", 0, 2), town("岳林街道", 0, 0, 0, "null", 0, 0), town("江口街道", 0, 0, 1, "null", 0, 0),
            town("西坞街道", 0, 0, 0, "null", 0, 0), town("萧王庙街道", 0, 0, 0, "null", 0, 0), town("方桥街道", 0, 0, 0, "null", 0, 0),
            town("尚田街道", 0, 0, 0, "null", 0, 0), town("莼湖街道", 0, 0, 0, "null", 0, 0), town("溪口镇", 2, 0, 0, "null", 1, 1),
            town("裘村镇", 0, 0, 0, "null", 0, 0), town("大堰镇", 1, 0, 1, "null", 1, 0), town("松岙镇", 1, 0, 1, "1", 0, 0),
        ]
        // Days: 12-01 events E1 E2 E3, tasks T1 T8, done T0 12:00, T1 16:00,
        // T8 18:00; 12-02 events E4 E5 E6 E8, tasks T4 T5 T10 T6, done T4
        // (T1's second `done` is not its first; T6's is on 12-03).
        let daily = #""daily":[{"date":"2026-12-01","events":3,"tasks":2,"done":3},{"date":"2026-12-02","events":4,"tasks":4,"done":1}]"#
        let expected = #"{"from":"2026-12-01T00:00:00+08:00","to":"2026-12-03T00:00:00+08:00","#
            + [events, tasks, mediation, notices, satisfaction].joined(separator: ",")
            + #","towns":["# + towns.joined(separator: ",") + "]," + daily + "}"
        #expect(r.json(fromText: PeriodFeed.from, toText: PeriodFeed.to) == expected)
    }

    @Test func typedFiguresMatchTheJSON() {
        let (r, _) = Self.report()
        #expect(r.events.enforcement == 2 && r.events.selfResolvedRate == 0.2857)
        #expect(r.tasks.returnedByReason == [ReasonCount(reason: "属地不符", count: 1), ReasonCount(reason: "职能交叉", count: 1)])
        #expect(r.mediation.split[.village] == .some(0.3333))
        #expect(r.towns.map(\.town) == District.towns.map(\.name))
        #expect(r.daily.map(\.date) == ["2026-12-01", "2026-12-02"])
        // E8: domain 其他 after the district's 11 (in their order, zeros kept).
        #expect(r.domains.map(\.domain) == District.domains.map(\.name) + ["其他"])
        #expect(r.domains.first { $0.domain == "违法建设" } == DomainFigures(domain: "违法建设", events: 2, enforcement: 1))
    }

    /// A reason is a key of `returned_by_reason`: a quote or a control
    /// character in it is escaped, so the line stays one valid JSON object.
    @Test func aReasonWithAQuoteIsAnEscapedKey() {
        let line = #"{"kind":"task","id":"TQ","ts":"2026-12-01T09:00:00+08:00","event":null,"type":"general","unit":"u","town":"锦屏街道","due":"2026-12-01T10:00:00+08:00","status":"returned","reason":"说\"不\"\n归我"}"#
        let r = PeriodReport.compute(TestSupport.store([line]), from: Self.from, to: Self.to)
        #expect(r.tasks.returnedByReason == [ReasonCount(reason: "说\"不\"\n归我", count: 1)])
        #expect(r.json(fromText: "a", toText: "b").contains(#""returned_by_reason":{"说\"不\"\n归我":1}"#))
    }

    @Test func ratesRoundHalfUpToFourDecimals() {
        #expect(PeriodReport.rate(1, 20_000) == 0.0001)   // 0.00005 → up
        #expect(PeriodReport.rate(1, 20_001) == 0)        // just below the half
        #expect(PeriodReport.rate(2, 3) == 0.6667)
        #expect(PeriodReport.rate(1, 3) == 0.3333)
        #expect(PeriodReport.rate(5, 5) == 1)
        #expect(PeriodReport.rate(0, 0) == nil)
        #expect(JSONObjectWriter.decimal(0.0001) == "0.0001" && JSONObjectWriter.decimal(0.5) == "0.5" && JSONObjectWriter.decimal(1) == "1")
    }

    @Test func anEmptyPeriodHasEveryKeyAtZeroAndNullRates() {
        let (r, _) = Self.report(from: Self.ms("2027-01-01T00:00:00+08:00"), to: Self.ms("2027-01-01T12:00:00+08:00"))
        let json = r.json(fromText: "a", toText: "b")
        #expect(json.contains(#""self_resolved_rate":null"#) && json.contains(#""on_time_rate":null"#)
                && json.contains(#""split":{"village":null,"town":null,"district":null}"#) && json.contains(#""rate":null}"#))
        #expect(json.contains(#""returned_by_reason":{}"#))
        #expect(r.daily == [DayFigures(date: "2027-01-01")])
        // Tasks of earlier periods still owed are overdue at its end: T9
        // (溪口, due 11-30) and T7 (大堰, due 12-03 12:00, never done); T6
        // was done on 12-03.
        #expect(r.towns.map(\.overdueNow) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0])
    }

    /// Where `report` and `stats` count the same thing (a window holding every record), they agree.
    @Test func agreesWithStatsOverAWindowHoldingEverything() {
        let (r, store) = Self.report(from: Self.ms("2026-01-01T00:00:00+08:00"), to: Self.ms("2027-01-01T00:00:00+08:00"))
        let a = store.aggregates
        #expect(r.events.total == a.count(.event))
        #expect(EventStatus.allCases.map { r.events.byStatus[$0] } == a.statusCounts[0].map { Optional($0) })
        #expect(r.tasks.total == a.count(.task))
        #expect(r.tasks.done == a.count(.task, TaskStatus.done))
        #expect(r.mediation.total == a.count(.mediation))
        #expect(MediationTier.allCases.map { r.mediation.resolvedByTier[$0] } == a.resolvedByTier.map { Optional($0) })
        #expect(NoticeType.allCases.map { r.notices.byType[$0] } == a.noticesByType.map { Optional($0) })
        #expect(r.towns.map(\.overdueNow).reduce(0, +) == a.overdueTasks(now: r.to))
    }

    /// A window ending before every later snapshot sees the store as a store
    /// that held only the records before it would.
    @Test func aWindowSeesItemsAsTheyWereAtItsEnd() {
        let end = Self.ms("2026-12-02T12:00:00+08:00")
        let (r, _) = Self.report(from: Self.from, to: end)
        let cut = TestSupport.store(PeriodFeed.lines.filter { line in
            let ts = line.range(of: #""ts":""#).map { line[$0.upperBound...].prefix { $0 != "\"" } }!
            return Self.ms(String(ts)) < end
        })
        #expect(r == PeriodReport.compute(cut, from: Self.from, to: end))
        #expect(r.tasks.returned == 2 && r.tasks.done == 2)   // T4 is done only at 13:00
    }
}
