import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 12 point 4 on hand-made items: an event reopened by a returned
/// task starts a second signing episode (`-2`) even in an engine that
/// lived through the return; an urge raises nothing and the ladder proposes
/// one 督办单 per task (issue 13); a manual resolve holds for its stage and episode only;
/// a snooze stands as `snoozed` until its end, then `open`.
@Suite struct AlertEpisodeTests {
    typealias R = AlertRuleTests
    static let min: Millis = 60_000

    static func step(_ e: inout AlertRuleEngine, _ store: Store, _ now: Millis) -> [Record] {
        store.clock = .fixed(now)
        return R.step(&e, store, now)
    }

    /// The operator's later snapshot of an alert (ack, snooze, resolve), as the journal holds it.
    static func operatorSnapshot(_ store: Store, _ id: String, _ status: AlertStatus, at: Millis, note: String? = nil) throws -> Record {
        var s = try #require(store.item(.alert, id: id)).current
        s.ts = at
        s.by = "值班员甲"
        s.note = note
        if case .alert(var a) = s.body { a.status = status; s.body = .alert(a) }
        return Record(id: id, snapshot: s)
    }

    static func standing(_ store: Store, _ t: Millis) -> [String: AlertStanding.Status] {
        Dictionary(uniqueKeysWithValues: AlertStanding.unresolved(store, at: t).map { ($0.id, $0.status) })
    }

    @Test func aReopenedEventRaisesASecondEpisodeInTheConsoleThatLivedThroughTheReturn() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var lived = AlertRuleEngine()
        store.apply(R.event("SJ-1", R.t(9), priority: 1))
        _ = Self.step(&lived, store, R.t(9, 16))
        store.apply(try Self.operatorSnapshot(store, "R-late_signing-SJ-1", .acked, at: R.t(9, 17)))
        store.apply(R.event("SJ-1", R.t(9, 20), .dispatched, priority: 1))
        _ = Self.step(&lived, store, R.t(9, 21))
        // The task is returned at 10:00: the event is open again.
        store.apply(R.event("SJ-1", R.t(10), .open, priority: 1))
        #expect(Self.step(&lived, store, R.t(10, 14)).isEmpty)
        let second = Self.step(&lived, store, R.t(10, 16))
        #expect(second.map(\.id) == ["R-late_signing-SJ-1-2"])
        #expect(second.first?.snapshot.ts == R.t(10, 15))
        // The first episode stays resolved (its ack applied to it); a fresh
        // engine over the same feed leaves the same standing.
        #expect(Self.standing(store, R.t(10, 16)) == ["R-late_signing-SJ-1-2": .open])
        let fresh = Store(clock: .fixed(R.t(10, 16)))
        for r in [R.event("SJ-1", R.t(9), priority: 1), R.event("SJ-1", R.t(9, 20), .dispatched, priority: 1),
                  R.event("SJ-1", R.t(10), .open, priority: 1)] { fresh.apply(r) }
        #expect(AlertStanding.evaluate(fresh, at: R.t(10, 16)).map(\.id) == ["R-late_signing-SJ-1-2"])
    }

    @Test func anUrgeOfAnOverdueTaskRaisesNothingAndTheLadderProposesOneSupervisionOrder() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        let due = R.t(13)
        store.apply(R.task("ZF-7", R.t(9), due: due))
        _ = Self.step(&engine, store, R.t(13, 30))
        // Urged at 14:00 through the operator action: the task's 催办 snapshot only.
        let urge = try OperatorActions.urge(store, task: "ZF-7", ActionContext(operator: "值班员甲", now: R.t(14))).get()
        #expect(urge.map(\.id) == ["ZF-7"])
        for r in urge { store.apply(r) }
        let out = Self.step(&engine, store, R.t(14))
        #expect(out.isEmpty)   // issue 13: the urge no longer brings the 督办单 stage forward
        // Urged again after 30 minutes, and the ladder's own 24 h: one proposal, at 24 h.
        for r in try OperatorActions.urge(store, task: "ZF-7", ActionContext(operator: "值班员乙", now: R.t(15))).get() {
            store.apply(r)
        }
        let day = Self.step(&engine, store, due + 25 * 60 * Self.min)
        #expect(day.map(\.id) == ["R-overdue-ZF-7", "R-propose_supervision-ZF-7"])
        #expect(day.allSatisfy { $0.snapshot.ts == due + 24 * 60 * Self.min })
        let supervision = store.aggregates.activeAlerts.count
        #expect(supervision == 1)
        #expect(AlertStanding.unresolved(store, at: due + 25 * 60 * Self.min).map(\.id) == ["R-propose_supervision-ZF-7"])
        #expect(store.index(.alert, id: OperatorActions.supervisionAlertID(task: "ZF-7")) == nil)   // no U-supervision beside it
    }

    @Test func aManualResolveHoldsForItsStageAndTheNextStageStillComes() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        let due = R.t(13)
        store.apply(R.task("ZF-8", R.t(9), due: due))
        _ = Self.step(&engine, store, R.t(13, 1))
        store.apply(try Self.operatorSnapshot(store, "R-overdue-ZF-8", .resolved, at: R.t(13, 5)))
        // The cause persists: no new overdue alert, then or after a restart.
        #expect(Self.step(&engine, store, R.t(20)).isEmpty)
        var restarted = AlertRuleEngine()
        #expect(restarted.evaluate(store: store, now: R.t(20)).isEmpty)
        #expect(Self.standing(store, R.t(20)).isEmpty)
        // 24 h past due the ladder's next stage opens.
        let next = Self.step(&engine, store, due + 24 * 60 * Self.min)
        #expect(next.map(\.id) == ["R-propose_supervision-ZF-8"])
        // Due moved later by the unit's superior: the episode ends, and a
        // new overdue spell at the new due is a new alert (-2).
        store.apply(R.task("ZF-8", due + 25 * 60 * Self.min, due: due + 30 * 60 * Self.min))
        let moved = Self.step(&engine, store, due + 31 * 60 * Self.min)
        #expect(Set(moved.map(\.id)) == ["R-overdue-ZF-8-2", "R-prewarning-ZF-8-2", "R-propose_supervision-ZF-8"])
        #expect(Self.standing(store, due + 31 * 60 * Self.min) == ["R-overdue-ZF-8-2": .open])
    }

    @Test func aSnoozeStandsUntilItsEndThenTheAlertIsOpenAgain() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.event("SJ-3", R.t(9), priority: 1))
        _ = Self.step(&engine, store, R.t(9, 20))
        let snooze = try OperatorActions.snooze(store, alert: "R-late_signing-SJ-3",
                                                ActionContext(operator: "值班员甲", now: R.t(9, 20))).get()
        for r in snooze.records { store.apply(r) }
        let at = try #require(AlertStanding.unresolved(store, at: R.t(9, 30)).first)
        #expect(at.status == .snoozed && at.until == R.t(9, 50) && at.since == R.t(9, 15))
        #expect(at.json == #"{"id":"R-late_signing-SJ-3","type":"late_signing","level":"warning","status":"snoozed","ref":"event:SJ-3","since":"2026-11-28T09:15:00+08:00","until":"2026-11-28T09:50:00+08:00"}"#)
        #expect(AlertStanding.statusLabel(store.current(.alert, 0), store, now: R.t(9, 30)).zh == "暂缓至 09:50")
        #expect(AlertStanding.statusLabel(store.current(.alert, 0), store, now: R.t(9, 30)).en == "snoozed until 09:50")
        // At its end it is open again, before any console journals the reopening.
        let after = try #require(AlertStanding.unresolved(store, at: R.t(9, 50)).first)
        #expect(after.status == .open && after.until == nil)
        #expect(AlertStanding.statusLabel(store.current(.alert, 0), store, now: R.t(9, 50)).zh == "已确认")
    }
}
