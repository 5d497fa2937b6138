import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The console's own alert rules on hand-made feeds with a fixed clock: each
/// rule fires at the instant it should, with its id, level, type, ref and ts,
/// and resolves itself when its cause clears; replay at two speeds writes the
/// same records; evaluation is idempotent.
@Suite struct AlertRuleTests {
    static func t(_ h: Int, _ m: Int = 0, day: Int = 28) -> Millis {
        Timestamp.millis(year: 2026, month: 11, day: day, hour: h, minute: m)
    }
    static let min: Millis = 60_000

    static func event(_ id: String, _ ts: Millis, _ status: EventStatus = .open, priority: UInt8 = 2,
                      grid: String = "JP-03-12", domain: String = "市容环境") -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, by: "网格员", body: .event(EventBody(
            town: "锦屏街道", grid: grid, domain: domain, priority: priority, source: .grid,
            title: "占道经营", status: status))))
    }

    static func task(_ id: String, _ ts: Millis, due: Millis, _ status: TaskStatus = .dispatched) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, by: "值班员", body: .task(TaskBody(
            event: nil, type: .empowered, unit: "锦屏街道综合行政执法中队", town: "锦屏街道", due: due, status: status))))
    }

    static func mediation(_ id: String, _ ts: Millis, _ tier: MediationTier, _ status: MediationStatus) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, body: .mediation(MediationBody(
            town: "溪口镇", category: "邻里", tier: tier, status: status))))
    }

    static func alertBody(_ r: Record) -> AlertBody {
        guard case .alert(let a) = r.snapshot.body else { fatalError("not an alert") }
        return a
    }

    /// Evaluates at `now` and applies what comes back, as the console does.
    static func step(_ engine: inout AlertRuleEngine, _ store: Store, _ now: Millis, feed: FeedSignals? = nil) -> [Record] {
        let out = engine.evaluate(store: store, now: now, feed: feed)
        for r in out { store.apply(r) }
        return out
    }

    @Test func lateSigningFiresAtTheLimitAndResolvesWhenSigned() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        store.apply(Self.event("SJ-20261128-0042", Self.t(9), priority: 1))
        store.apply(Self.event("SJ-20261128-0043", Self.t(9), priority: 2))
        store.apply(Self.event("SJ-20261128-0043", Self.t(9, 30), .dispatched, priority: 2))
        #expect(Self.step(&engine, store, Self.t(9, 14)).isEmpty)
        let fired = Self.step(&engine, store, Self.t(9, 16))
        #expect(fired.count == 1)
        let r = try #require(fired.first)
        let a = Self.alertBody(r)
        #expect(r.id == "R-late_signing-SJ-20261128-0042")
        #expect(r.snapshot.ts == Self.t(9, 15) && r.snapshot.by == "值班台规则")
        #expect(a.level == .warning && a.type == "late_signing" && a.status == .open)
        #expect(a.ref == "event:SJ-20261128-0042")
        #expect(a.title == "SJ-20261128-0042 超时未处置（P1 限时15分钟）")
        #expect(store.aggregates.openAlertsByLevel == [0, 1, 0])
        // Still open, nothing new; then signed (dispatched) at 09:20.
        #expect(Self.step(&engine, store, Self.t(9, 18)).isEmpty)
        store.apply(Self.event("SJ-20261128-0042", Self.t(9, 20), .dispatched, priority: 1))
        let resolved = Self.step(&engine, store, Self.t(9, 21))
        #expect(resolved.map(\.id) == ["R-late_signing-SJ-20261128-0042"])
        #expect(resolved.first?.snapshot.ts == Self.t(9, 20))
        #expect(resolved.first.map(Self.alertBody)?.status == .resolved)
        #expect(store.aggregates.count(.alert, AlertStatus.resolved) == 1)
        // The P2 event was dispatched within its hour: never an alert.
        #expect(Self.step(&engine, store, Self.t(12)).isEmpty)
    }

    @Test func taskLadderEscalatesAndEachStageResolvesWhenTheNextTakesOver() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        let due = Self.t(13)
        store.apply(Self.task("ZF-20261128-0007", Self.t(9), due: due))
        store.apply(Self.task("ZF-20261128-0008", Self.t(9), due: due))
        store.apply(Self.task("ZF-20261128-0008", Self.t(11), due: due, .done))
        #expect(Self.step(&engine, store, Self.t(12, 11)).isEmpty)
        // 80% of 4 h is 3 h 12 min after dispatch.
        let pre = Self.step(&engine, store, Self.t(12, 12))
        #expect(pre.map(\.id) == ["R-prewarning-ZF-20261128-0007"])
        #expect(pre.first?.snapshot.ts == Self.t(12, 12))
        #expect(pre.first.map(Self.alertBody)?.ref == "task:ZF-20261128-0007")
        let atDue = Self.step(&engine, store, Self.t(13, 5))
        #expect(atDue.map(\.id) == ["R-overdue-ZF-20261128-0007", "R-prewarning-ZF-20261128-0007"])
        #expect(atDue.allSatisfy { $0.snapshot.ts == due })
        #expect(atDue.map { Self.alertBody($0).status } == [.open, .resolved])
        #expect(Self.alertBody(atDue[0]).level == .warning && Self.alertBody(atDue[0]).type == "overdue")
        let sup = Self.step(&engine, store, due + 24 * 60 * Self.min)
        #expect(sup.map(\.id) == ["R-overdue-ZF-20261128-0007", "R-propose_supervision-ZF-20261128-0007"])
        #expect(Self.alertBody(sup[1]).level == .critical && Self.alertBody(sup[1]).type == "propose_supervision")
        let bulletinAt = due + 5 * 24 * 60 * Self.min
        let bul = Self.step(&engine, store, bulletinAt + Self.min)
        #expect(bul.map(\.id) == ["R-propose_bulletin-ZF-20261128-0007", "R-propose_supervision-ZF-20261128-0007"])
        #expect(bul.allSatisfy { $0.snapshot.ts == bulletinAt })
        #expect(Self.alertBody(bul[0]).level == .critical && Self.alertBody(bul[0]).title.contains("通报"))
        store.apply(Self.task("ZF-20261128-0007", bulletinAt + 60 * Self.min, due: due, .done))
        let done = Self.step(&engine, store, bulletinAt + 61 * Self.min)
        #expect(done.map(\.id) == ["R-propose_bulletin-ZF-20261128-0007"])
        #expect(done.first?.snapshot.ts == bulletinAt + 60 * Self.min)
        #expect(store.aggregates.activeAlerts.count == 0)
    }

    @Test func returnedTaskClearsItsAlertAndGoesNoFurther() {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        store.apply(Self.task("ZF-9", Self.t(9), due: Self.t(10)))
        store.apply(Self.task("ZF-9", Self.t(9, 50), due: Self.t(10), .returned))
        // One big step: the prewarning (09:48) opens and resolves at the return.
        let out = Self.step(&engine, store, Self.t(9) + 6 * 86_400_000)
        #expect(out.map(\.id) == ["R-prewarning-ZF-9", "R-prewarning-ZF-9"])
        #expect(out.map(\.snapshot.ts) == [Self.t(9, 48), Self.t(9, 50)])
        #expect(out.last?.snapshot.note == "任务已办结或退回")
    }

    @Test func clusterOfFiveInTwoHoursFiresAndAgesOut() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        for (n, m) in [0, 20, 40, 60, 90].enumerated() {
            store.apply(Self.event("SJ-\(n)", Self.t(9) + Millis(m) * Self.min, .selfResolved))
        }
        store.apply(Self.event("SJ-x", Self.t(10), .selfResolved, domain: "违法建设"))
        let out = Self.step(&engine, store, Self.t(10, 40)).filter { Self.alertBody($0).type == "cluster" }
        let r = try #require(out.first)
        #expect(out.count == 1)
        #expect(r.id == "R-cluster-JP-03-12-市容环境-20261128T090000")
        #expect(r.snapshot.ts == Self.t(10, 30))
        #expect(Self.alertBody(r).ref == "event:SJ-4" && Self.alertBody(r).level == .warning)
        #expect(Self.alertBody(r).title == "聚集性事件：JP-03-12 市容环境 2小时内5起")
        // 09:00 leaves the window at 11:00: four left, the cluster clears.
        let gone = Self.step(&engine, store, Self.t(12))
        #expect(gone.map(\.id) == [r.id] && gone.first?.snapshot.ts == Self.t(11))
    }

    @Test func tierDriftFiresAboveFifteenPercentDistrictAndClears() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        let tiers: [MediationTier] = Array(repeating: .village, count: 10) + Array(repeating: .town, count: 6)
            + Array(repeating: .district, count: 4)
        for (n, tier) in tiers.enumerated() {
            store.apply(Self.mediation("TJ-\(n)", Self.t(8), tier, .mediating))
            store.apply(Self.mediation("TJ-\(n)", Self.t(9) + Millis(n) * Self.min, tier, .resolved))
        }
        let fired = Self.step(&engine, store, Self.t(10))
        #expect(fired.map(\.id) == ["R-tier_drift-20261128"])
        #expect(fired.first?.snapshot.ts == Self.t(9, 19))
        #expect(fired.first.map(Self.alertBody)?.title.contains("区级占比20%") == true)
        // More village cases: 4 of 27 is under 15%, at the 7th.
        for n in 0..<10 {
            store.apply(Self.mediation("TJ-v\(n)", Self.t(11) + Millis(n) * Self.min, .village, .resolved))
        }
        let cleared = Self.step(&engine, store, Self.t(12))
        #expect(cleared.map(\.id) == ["R-tier_drift-20261128"])
        #expect(cleared.first?.snapshot.ts == Self.t(11, 6))
        #expect(cleared.first.map(Self.alertBody)?.status == .resolved)
    }

    @Test func ackedAlertStaysAckedUntilResolved() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        store.apply(Self.event("SJ-1", Self.t(9), priority: 1))
        store.apply(Self.event("SJ-2", Self.t(9), priority: 1))
        let fired = Self.step(&engine, store, Self.t(9, 16))
        #expect(fired.count == 2)
        for r in fired {
            var ack = r
            ack.snapshot.ts = Self.t(9, 17)
            ack.snapshot.by = "值班员"
            if case .alert(var a) = ack.snapshot.body { a.status = .acked; ack.snapshot.body = .alert(a) }
            store.apply(ack)
        }
        #expect(Self.step(&engine, store, Self.t(9, 18)).isEmpty)
        #expect(store.current(.alert, try #require(store.index(.alert, id: "R-late_signing-SJ-1"))).alertStatus == .acked)
        // A fresh engine (a restart, or a second console) does not reopen it either.
        var other = AlertRuleEngine()
        #expect(other.evaluate(store: store, now: Self.t(9, 18)).isEmpty)
        // SJ-1 is signed after the ack; SJ-2 was signed before it (09:16:30)
        // but the engine looks only later: its resolution goes after the ack.
        store.apply(Self.event("SJ-1", Self.t(9, 30), .dispatched, priority: 1))
        store.apply(Self.event("SJ-2", Self.t(9, 16) + 30_000, .selfResolved, priority: 1))
        let resolved = Self.step(&engine, store, Self.t(9, 31))
        #expect(resolved.map(\.id) == ["R-late_signing-SJ-2", "R-late_signing-SJ-1"])
        #expect(resolved.map(\.snapshot.ts) == [Self.t(9, 17) + 1, Self.t(9, 30)])
        #expect(store.aggregates.count(.alert, AlertStatus.resolved) == 2)
    }

    @Test func evaluationIsIdempotent() {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        store.apply(Self.event("SJ-1", Self.t(9), priority: 1))
        store.apply(Self.task("ZF-1", Self.t(9), due: Self.t(10)))
        let first = engine.evaluate(store: store, now: Self.t(11))
        // Late signing; prewarning at 09:48, resolved at 10:00 by the overdue.
        #expect(first.map(\.id) == ["R-late_signing-SJ-1", "R-prewarning-ZF-1", "R-overdue-ZF-1", "R-prewarning-ZF-1"])
        #expect(engine.evaluate(store: store, now: Self.t(11)).isEmpty)  // not applied: still nothing new
        for r in first { store.apply(r) }
        #expect(engine.evaluate(store: store, now: Self.t(11)).isEmpty)
        var fresh = AlertRuleEngine()
        #expect(fresh.evaluate(store: store, now: Self.t(11)).isEmpty)
    }

    @Test func feedQuietAndQuarantineBursts() {
        let store = Store(clock: .fixed(Self.t(10)))
        var engine = AlertRuleEngine()
        func feed(_ last: Millis, _ q: Int, live: Bool = true) -> FeedSignals {
            FeedSignals(lastLineMillis: last, quarantinedTotal: q, live: live)
        }
        #expect(Self.step(&engine, store, Self.t(10, 5), feed: feed(Self.t(10), 3)).isEmpty)
        let quiet = Self.step(&engine, store, Self.t(10, 11), feed: feed(Self.t(10), 3))
        #expect(quiet.map(\.id) == ["R-feed_quiet-20261128T100000"])
        #expect(quiet.first?.snapshot.ts == Self.t(10, 10))
        let back = Self.step(&engine, store, Self.t(10, 12), feed: feed(Self.t(10, 12), 10))
        #expect(back.map(\.id) == ["R-feed_quiet-20261128T100000"] && back.first?.snapshot.ts == Self.t(10, 12))
        let burst = Self.step(&engine, store, Self.t(10, 13), feed: feed(Self.t(10, 13), 25))
        #expect(burst.map(\.id) == ["R-feed_errors-20261128T101300"])
        #expect(burst.first.map(Self.alertBody)?.type == "feed_errors")
        #expect(Self.step(&engine, store, Self.t(10, 15), feed: feed(Self.t(10, 15), 26)).isEmpty)
        let calm = Self.step(&engine, store, Self.t(10, 19), feed: feed(Self.t(10, 19), 26))
        #expect(calm.map(\.id) == ["R-feed_errors-20261128T101300"] && calm.first.map(Self.alertBody)?.status == .resolved)
        // Not live: a quiet feed is no alert.
        #expect(Self.step(&engine, store, Self.t(11, 30), feed: feed(Self.t(10, 19), 26, live: false)).isEmpty)
    }

    @Test func recordsRoundTripThroughTheFeedFormat() throws {
        let store = Store(clock: .fixed(Self.t(9)))
        var engine = AlertRuleEngine()
        store.apply(Self.event("SJ-1", Self.t(9), priority: 1))
        store.apply(Self.event("SJ-1", Self.t(9, 20), .dispatched, priority: 1))
        let out = engine.evaluate(store: store, now: Self.t(10))
        #expect(out.count == 2 && out[1].snapshot.note != nil)
        for r in out {
            let line = RecordWriter.line(r)
            let parsed = try TestSupport.parse(line.hasSuffix("\n") ? String(line.dropLast()) : line).get()
            #expect(parsed == r)
        }
    }

    @Test func longKeysAreHashedToSixtyFourBytes() {
        let id = AlertRule.id(.cluster, String(repeating: "网格", count: 20) + "-市容环境-20261128T090000")
        #expect(id.utf8.count <= 64 && id.hasPrefix("R-cluster-"))
        #expect(id == AlertRule.id(.cluster, String(repeating: "网格", count: 20) + "-市容环境-20261128T090000"))
    }

    /// Replays a generated feed, evaluating every `step` (and once at the
    /// end), applying what the rules write; returns the rule records.
    static func replay(_ feed: [Record], end: Millis, step: Millis?) -> [Record] {
        let store = Store(clock: .fixed(end))
        var engine = AlertRuleEngine()
        var all: [Record] = []
        var next = 0
        var now = step.map { feed[0].snapshot.ts + $0 } ?? end
        while true {
            now = Swift.min(now, end)
            while next < feed.count && feed[next].snapshot.ts <= now { store.apply(feed[next]); next += 1 }
            all += Self.step(&engine, store, now)
            if now >= end { break }
            now += step ?? 0
        }
        return all.sorted { ($0.snapshot.ts, $0.id, $0.snapshot.statusOrdinal) < ($1.snapshot.ts, $1.id, $1.snapshot.statusOrdinal) }
    }

    @Test func replayAtTwoSpeedsWritesTheSameRecords() {
        let start = Timestamp.millis(year: 2026, month: 11, day: 23)
        var feed = GeneratedFeed.records(seed: 7, start: start, days: 3)
        // Window rules too: a cluster in a grid of its own, and a run of
        // district-tier resolutions that tips the 6:3:1 split.
        let day2 = start + 86_400_000
        for n in 0..<6 {
            feed.append(Self.event("SJ-c\(n)", day2 + Millis(n * 17) * Self.min, .selfResolved, grid: "XX-99-99"))
        }
        for n in 0..<12 {
            feed.append(Self.mediation("TJ-d\(n)", day2 + Millis(n * 13) * Self.min, .district, .resolved))
        }
        feed.sort { $0.snapshot.ts < $1.snapshot.ts }
        let end = start + 3 * 86_400_000
        let fine = Self.replay(feed, end: end, step: Self.min)
        let coarse = Self.replay(feed, end: end, step: 97 * Self.min)
        let once = Self.replay(feed, end: end, step: nil)
        let types = Dictionary(grouping: once, by: { Self.alertBody($0).type }).mapValues(\.count)
        print("rule records over 3 generated days: \(once.count) \(types.sorted { $0.key < $1.key })")
        #expect(types["cluster"] == 2 && types["tier_drift"] == 1)  // opens; the 7-day window outlasts the feed
        #expect(fine == once)
        #expect(coarse == once)
    }

    /// Thirty generated days, then a further day evaluated every minute as
    /// when watching: the same alerts as one evaluation at the end of that
    /// day. (How long an evaluation takes is measured in dutydesk-bench.)
    @Test func minuteByMinuteEqualsOnceOverAGeneratedMonth() {
        let start = Timestamp.millis(year: 2026, month: 10, day: 29)
        var g = FeedGenerator(seed: 1, start: start, profile: .bench2026)
        var month: [Record] = []
        g.generate(days: 30) { month.append($0) }
        var day: [Record] = []
        g.generate(days: 1) { day.append($0) }
        let end = day.last!.snapshot.ts

        func run(step: Millis?) -> [Record] {
            let store = Store(clock: .eventTime)
            for r in month { store.apply(r) }
            var engine = AlertRuleEngine()
            var out = engine.evaluate(store: store, now: store.latestTs)
            for r in out { store.apply(r) }
            var next = 0
            var t = store.latestTs
            while next < day.count {
                t = step.map { t + $0 } ?? end
                while next < day.count && day[next].snapshot.ts <= t { store.apply(day[next]); next += 1 }
                let more = engine.evaluate(store: store, now: t)
                for r in more { store.apply(r) }
                out += more
            }
            return out
        }
        let everyMinute = run(step: 60_000)
        let once = run(step: nil)
        #expect(!once.isEmpty)
        #expect(Set(everyMinute.map(\.id)) == Set(once.map(\.id)))
        #expect(everyMinute.sorted { ($0.id, $0.snapshot.ts) < ($1.id, $1.snapshot.ts) }
                == once.sorted { ($0.id, $0.snapshot.ts) < ($1.id, $1.snapshot.ts) })
    }
}
