import DutyTestSupport
import Testing
@testable import DutyCore

/// Operator actions on a hand-made feed with a fixed "now": the records each
/// writes (ids, ts, by, copied fields) and each refusal.
@Suite struct OperatorActionTests {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
    static let ctx = ActionContext(operator: "李娜", now: now)

    static let feed: [String] = [
        Line.event("E1", "2026-11-28T09:00:00+08:00", priority: "2", extra: #","reporter":"陈先生""#),
        Line.event("E2", "2026-11-28T09:05:00+08:00", status: "dispatched"),
        Line.event("E3", "2026-11-28T09:10:00+08:00", status: "self_resolved"),
        Line.task("ZF-20261128-0007", "2026-11-28T09:30:00+08:00", due: "2026-11-28T13:30:00+08:00", event: "\"E2\""),
        Line.task("ZF-20261128-0003", "2026-11-28T09:20:00+08:00", due: "2026-11-28T11:00:00+08:00", event: "\"E2\""),
        Line.task("ZF-20261127-0042", "2026-11-27T09:20:00+08:00", due: "2026-11-27T11:00:00+08:00", status: "done", event: "\"E9\""),
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "mediating"),
        Line.mediation("M2", "2026-11-28T09:00:00+08:00", tier: "district", status: "mediating"),
        Line.mediation("M3", "2026-11-28T09:00:00+08:00", tier: "town", status: "resolved"),
        Line.alert("A1", "2026-11-28T09:00:00+08:00", level: "critical"),
        Line.alert("A2", "2026-11-28T09:01:00+08:00", status: "acked"),
        Line.alert("A3", "2026-11-28T09:02:00+08:00", status: "resolved"),
    ]

    static func store() -> Store { TestSupport.store(feed, clock: .fixed(now)) }

    static func records(_ r: ActionResult) -> [Record] {
        guard case .success(let out) = r else { Issue.record("refused: \(r)"); return [] }
        return out
    }

    static func code(_ r: ActionResult) -> ActionRefusal.Code? {
        if case .failure(let e) = r { return e.code }
        return nil
    }

    @Test func dispatchWritesANewTaskAndTheEvent() throws {
        let store = Self.store()
        let out = Self.records(OperatorActions.dispatch(store, event: "E1", unit: "锦屏派出所", type: .joint, Self.ctx))
        try #require(out.count == 2)
        #expect(out[0].id == "ZF-20261128-0008")
        #expect(out[0].snapshot == Snapshot(ts: Self.now, by: "李娜", note: nil, body: .task(TaskBody(
            event: "E1", type: .joint, unit: "锦屏派出所", town: "锦屏街道", due: Self.now + 4 * 3_600_000, status: .dispatched))))
        #expect(out[1].id == "E1" && out[1].snapshot.ts == Self.now && out[1].snapshot.by == "李娜")
        guard case .event(let e) = out[1].snapshot.body else { Issue.record("not an event"); return }
        #expect(e == EventBody(town: "锦屏街道", grid: "JP-03-12", domain: "市容环境", priority: 2, source: .grid,
                               title: "占道经营", status: .dispatched, reporter: "陈先生"))
        // Written back, they parse to themselves and apply as updates.
        for r in out { #expect(TestSupport.parse(RecordWriter.line(r)) == .success(r)) }
        #expect(store.apply(out[0]) == .created && store.apply(out[1]) == .updated)
        #expect(Self.code(OperatorActions.dispatch(store, event: "E1", unit: "x", type: .joint, Self.ctx)) == .alreadyDispatched)
    }

    /// A report dated after the console's clock (a feed whose clock runs
    /// ahead): the action still becomes the item's state, its records moved
    /// together just past the report.
    @Test func actionsLandAfterAReportFromTheFuture() throws {
        let store = Self.store()
        let ahead = Self.now + 90_000
        store.apply(try TestSupport.parse(Line.event("E7", Timestamp.format(ahead, offsetMinutes: 480))).get())
        let out = Self.records(OperatorActions.escalate(store, case: "M1", Self.ctx))
        #expect(OperatorActions.afterLatest(out, in: store) == out)   // nothing to move
        let built = Self.records(OperatorActions.dispatch(store, event: "E7", unit: "锦屏派出所", type: .joint, Self.ctx))
        let moved = OperatorActions.afterLatest(built, in: store)
        #expect(moved.map(\.snapshot.ts) == [ahead + 1, ahead + 1])
        #expect(moved.map(\.id) == built.map(\.id))
        guard case .task(let task) = moved[0].snapshot.body else { Issue.record("not a task"); return }
        #expect(task.due == ahead + 1 + 4 * 3_600_000)   // the whole 4 h limit (P2 of the feed) from dispatch
        for r in moved { store.apply(r) }
        let e = try #require(store.index(.event, id: "E7"))
        #expect(store.current(.event, e).eventStatus == .dispatched)
        // Without the move, the dispatch would have been filed as history.
        let again = TestSupport.store(Self.feed, clock: .fixed(Self.now))
        again.apply(try TestSupport.parse(Line.event("E7", Timestamp.format(ahead, offsetMinutes: 480))).get())
        for r in built { again.apply(r) }
        #expect(again.current(.event, try #require(again.index(.event, id: "E7"))).eventStatus == .open)
    }

    @Test func dispatchRefusals() {
        let store = Self.store()
        let r = OperatorActions.dispatch(store, event: "E2", unit: "锦屏派出所", type: .joint, Self.ctx)
        guard case .failure(let e) = r else { Issue.record("not refused"); return }
        #expect(e.description == "事件已转派，不能再次转派 / event is already dispatched")
        let settled = OperatorActions.dispatch(store, event: "E3", unit: "锦屏派出所", type: .joint, Self.ctx)
        if case .failure(let e) = settled {
            #expect(e.code == .eventNotOpen && e.message.zh == "事件状态为就地解决，不能转派")
            #expect(e.message.en == "event is settled: cannot dispatch")
        } else { Issue.record("not refused") }
        #expect(Self.code(OperatorActions.dispatch(store, event: "NOPE", unit: "u", type: .joint, Self.ctx)) == .notFound)
        #expect(Self.code(OperatorActions.dispatch(store, event: "E1", unit: "", type: .joint, Self.ctx)) == .noUnit)
    }

    @Test func taskNumberingContinuesTheDaysHighest() {
        let store = Self.store()
        #expect(TaskNumbering.next(in: store, now: Self.now) == "ZF-20261128-0008")
        // 23:30 UTC on the 27th is the 28th locally; the 27th's numbers are separate.
        #expect(TaskNumbering.next(in: store, now: Timestamp.millis(year: 2026, month: 11, day: 27, hour: 23, minute: 30, offsetMinutes: 0))
                == "ZF-20261128-0008")
        #expect(TaskNumbering.next(in: store, now: Timestamp.millis(year: 2026, month: 11, day: 27, hour: 10)) == "ZF-20261127-0043")
        #expect(TaskNumbering.next(in: store, now: Timestamp.millis(year: 2026, month: 11, day: 29, hour: 10)) == "ZF-20261129-0001")
    }

    @Test func cancelAndClose() {
        let store = Self.store()
        let out = Self.records(OperatorActions.cancel(store, event: "E1", reason: "重复上报", Self.ctx))
        #expect(out.count == 1 && out[0].snapshot.note == "重复上报" && out[0].snapshot.statusWire == "cancelled")
        #expect(Self.code(OperatorActions.cancel(store, event: "E2", reason: "x", Self.ctx)) == .cancelNotOpen)
        #expect(Self.code(OperatorActions.cancel(store, event: "E1", reason: "", Self.ctx)) == .noReason)
        // E2 has two open tasks: no closing until both are done.
        #expect(Self.code(OperatorActions.close(store, event: "E2", Self.ctx)) == .tasksNotDone)
        if case .failure(let e) = OperatorActions.close(store, event: "E2", Self.ctx) {
            #expect(e.message.zh == "仍有2项任务未办结，不能结案")
        }
        #expect(Self.code(OperatorActions.close(store, event: "E1", Self.ctx)) == .closeNotDispatched)
        for id in ["ZF-20261128-0007", "ZF-20261128-0003"] {
            for r in Self.records(OperatorActions.done(store, task: id, outcome: .rectified, Self.ctx)) { store.apply(r) }
        }
        let closed = Self.records(OperatorActions.close(store, event: "E2", Self.ctx))
        #expect(closed.map(\.id) == ["E2"] && closed[0].snapshot.statusWire == "closed")
    }

    @Test func returnReopensTheEventOnlyWhenNoOtherTaskServesIt() {
        let store = Self.store()
        #expect(Self.code(OperatorActions.returnTask(store, task: "ZF-20261128-0007", reason: "不想办", Self.ctx)) == .badReturnReason)
        let first = Self.records(OperatorActions.returnTask(store, task: "ZF-20261128-0007", reason: "属地不符", Self.ctx))
        // The other task still serves E2: the event stays dispatched.
        #expect(first.map(\.id) == ["ZF-20261128-0007"])
        guard case .task(let t) = first[0].snapshot.body else { return }
        #expect(t.status == .returned && t.reason == "属地不符" && t.unit == "锦屏街道综合行政执法中队" && t.event == "E2")
        store.apply(first[0])
        let second = Self.records(OperatorActions.returnTask(store, task: "ZF-20261128-0003", reason: "重复件", Self.ctx))
        #expect(second.map(\.id) == ["ZF-20261128-0003", "E2"])
        #expect(second[1].snapshot.statusWire == "open" && second[1].snapshot.by == "李娜")
        store.apply(second[0])
        #expect(Self.code(OperatorActions.returnTask(store, task: "ZF-20261128-0003", reason: "重复件", Self.ctx)) == .taskNotOpen)
        #expect(Self.code(OperatorActions.returnTask(store, task: "ZF-20261127-0042", reason: "重复件", Self.ctx)) == .taskNotOpen)
    }

    /// An urge writes the task's 催办 snapshot only (since issue 13 it moves
    /// no stage of the ladder, see LadderProposalTests). A second urge within
    /// 30 minutes, or one on a task no longer owed, is refused.
    @Test func urgeNotesTheTaskAndIsNotRepeatedWithinHalfAnHour() {
        let store = Self.store()
        let onTime = Self.records(OperatorActions.urge(store, task: "ZF-20261128-0007", Self.ctx))
        #expect(onTime.map(\.id) == ["ZF-20261128-0007"] && onTime[0].snapshot.note == "催办")
        #expect(onTime[0].snapshot.statusWire == "dispatched")
        let late = Self.records(OperatorActions.urge(store, task: "ZF-20261128-0003", Self.ctx))
        #expect(late.map(\.id) == ["ZF-20261128-0003"] && late[0].snapshot.note == AlertEpisodes.urgeNote)
        for r in late { store.apply(r) }
        let soon = ActionContext(operator: "王磊", now: Self.now + 29 * 60_000)
        #expect(Self.code(OperatorActions.urge(store, task: "ZF-20261128-0003", soon)) == .urgedRecently)
        let later = ActionContext(operator: "王磊", now: Self.now + 31 * 60_000)
        #expect(Self.records(OperatorActions.urge(store, task: "ZF-20261128-0003", later)).map(\.id) == ["ZF-20261128-0003"])
        #expect(Self.code(OperatorActions.urge(store, task: "ZF-20261127-0042", Self.ctx)) == .taskNotOpen)
        let long = OperatorActions.supervisionAlertID(task: String(repeating: "长", count: 60))
        #expect(long.count <= 64 && long == OperatorActions.supervisionAlertID(task: String(repeating: "长", count: 60)))
    }

    @Test func doneRecordsTheOutcome() {
        let store = Self.store()
        let out = Self.records(OperatorActions.done(store, task: "ZF-20261128-0007", outcome: .penalty, Self.ctx))
        guard case .task(let t) = out.first?.snapshot.body else { Issue.record("no task"); return }
        #expect(t.status == .done && t.outcome == .penalty && t.due == Timestamp.millis(year: 2026, month: 11, day: 28, hour: 13, minute: 30))
        #expect(Self.code(OperatorActions.done(store, task: "ZF-20261127-0042", outcome: .penalty, Self.ctx)) == .taskNotOpen)
    }

    @Test func mediationEscalatesOneTierAndRefers() {
        let store = Self.store()
        let out = Self.records(OperatorActions.escalate(store, case: "M1", Self.ctx))
        #expect(out.map(\.snapshot.ts) == [Self.now, Self.now + 1])
        #expect(out.map(\.snapshot.statusWire) == ["escalated", "accepted"])
        guard out.count == 2, case .mediation(let old) = out[0].snapshot.body, case .mediation(let new) = out[1].snapshot.body
        else { return }
        #expect(old.tier == .village && new.tier == .town && new.category == "邻里" && new.town == "溪口镇")
        for r in out { store.apply(r) }
        #expect(store.aggregates.escalations(onDayOf: Self.now) == [1, 0, 0])
        #expect(Self.code(OperatorActions.escalate(store, case: "M2", Self.ctx)) == .topTier)
        #expect(Self.code(OperatorActions.escalate(store, case: "M3", Self.ctx)) == .caseClosed)
        let referred = Self.records(OperatorActions.refer(store, case: "M2", to: "转劳动仲裁", Self.ctx))
        #expect(referred.first?.snapshot.statusWire == "referred" && referred.first?.snapshot.note == "转劳动仲裁")
        #expect(Self.code(OperatorActions.refer(store, case: "M3", Self.ctx)) == .caseClosed)
    }

    @Test func alertLifecycle() {
        let store = Self.store()
        #expect(Self.records(OperatorActions.acknowledge(store, alert: "A1", Self.ctx)).first?.snapshot.statusWire == "acked")
        #expect(Self.code(OperatorActions.acknowledge(store, alert: "A2", Self.ctx)) == .alertNotOpen)
        #expect(Self.records(OperatorActions.acknowledgeAll(store, alerts: ["A1", "A2", "A3"], Self.ctx)).map(\.id) == ["A1"])
        #expect(Self.code(OperatorActions.acknowledgeAll(store, alerts: ["A2", "A3"], Self.ctx)) == .noOpenAlerts)
        #expect(Self.records(OperatorActions.resolve(store, alert: "A2", Self.ctx)).first?.snapshot.statusWire == "resolved")
        #expect(Self.code(OperatorActions.resolve(store, alert: "A3", Self.ctx)) == .alertResolved)
    }

    @Test func snoozeAcksAndReopensAtItsEnd() throws {
        let store = Self.store()
        guard case .success(let s) = OperatorActions.snooze(store, alert: "A1", Self.ctx) else { Issue.record("refused"); return }
        #expect(s.reopenAt == Self.now + 30 * 60_000)
        #expect(s.records.first?.snapshot.note == "snoozed until 12:30" && s.records.first?.snapshot.statusWire == "acked")
        // Before it is written, the alert is not snoozed.
        #expect(Self.code(OperatorActions.reopenSnoozed(store, alert: "A1", at: s.reopenAt, Self.ctx)) == .notSnoozed)
        store.apply(s.records[0])
        #expect(OperatorActions.snoozeEnd(of: try #require(store.item(.alert, id: "A1")).current) == s.reopenAt)
        let reopened = Self.records(OperatorActions.reopenSnoozed(store, alert: "A1", at: s.reopenAt, Self.ctx))
        #expect(reopened.first?.snapshot.ts == s.reopenAt && reopened.first?.snapshot.statusWire == "open")
        // A snooze crossing midnight ends the next day.
        let late = ActionContext(operator: "李娜", now: Timestamp.millis(year: 2026, month: 11, day: 28, hour: 23, minute: 50))
        guard case .success(let n) = OperatorActions.snooze(store, alert: "A2", late) else { Issue.record("refused"); return }
        #expect(n.records[0].snapshot.note == "snoozed until 00:20")
        #expect(OperatorActions.snoozeEnd(of: n.records[0].snapshot) == n.reopenAt)
        #expect(Self.code(OperatorActions.snooze(store, alert: "A3", Self.ctx).map(\.records)) == .alertResolved)
    }
}

/// The dispatch picker's order and the handover summary's figures.
@Suite struct DispatchAndHandoverTests {
    @Test func candidatesPutTheTownsServingUnitsFirst() {
        let store = TestSupport.store([
            Line.event("E1", "2026-11-28T09:00:00+08:00", town: "溪口镇"),
            Line.task("T1", "2026-11-28T09:30:00+08:00", due: "2026-11-28T11:30:00+08:00", unit: "溪口镇综合行政执法中队"),
        ])
        let list = DispatchCandidates.list(store: store, event: "E1")
        #expect(list.count == District.units.count && Set(list.map(\.name)).count == list.count)
        #expect(list[0].name == "溪口镇综合行政执法中队" && list[0].load == 1 && list[0].fit == .townAndDomain)
        #expect(list[0].town == "溪口镇")
        // 市容环境 at district level: the enforcement bureau and the education bureau (schools' surroundings).
        #expect(list[1...2].map(\.name) == ["奉化区综合行政执法局", "区教育局"])
        #expect(list[1...2].allSatisfy { $0.fit == .districtDomain && $0.town == nil && $0.load == 0 })
        #expect(list[3...].allSatisfy { $0.fit == .other })
        // The rest keep District.units order.
        let rest = District.units.map(\.name).filter { !["溪口镇综合行政执法中队", "奉化区综合行政执法局", "区教育局"].contains($0) }
        #expect(list[3...].map(\.name) == rest)
        #expect(DispatchCandidates.list(store: store, event: "NOPE").isEmpty)
    }

    static let feed: [String] = [
        // Before the shift: counted in state figures only.
        Line.event("E0", "2026-11-28T01:00:00+08:00", priority: "3"),
        Line.event("E1", "2026-11-28T09:00:00+08:00", priority: "1"),
        Line.event("E2", "2026-11-28T10:00:00+08:00"),
        Line.event("E2", "2026-11-28T10:05:00+08:00", status: "dispatched"),
        Line.event("E3", "2026-11-28T11:00:00+08:00"),
        Line.event("E3", "2026-11-28T11:10:00+08:00", status: "self_resolved"),
        Line.event("E4", "2026-11-28T12:00:00+08:00"),
        Line.event("E4", "2026-11-28T12:30:00+08:00", status: "closed"),
        Line.task("T1", "2026-11-28T10:05:00+08:00", due: "2026-11-28T14:05:00+08:00", event: "\"E2\""),
        Line.task("T0", "2026-11-27T10:05:00+08:00", due: "2026-11-27T14:05:00+08:00", event: "\"E0\""),
        Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
        Line.mediation("M2", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
        Line.mediation("M3", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
        Line.mediation("M4", "2026-11-28T09:00:00+08:00", tier: "district", status: "resolved"),
        Line.alert("A1", "2026-11-28T09:00:00+08:00", level: "critical"),
        Line.alert("A2", "2026-11-28T09:01:00+08:00"),
        Line.alert("A3", "2026-11-28T09:02:00+08:00", level: "critical", status: "acked"),
    ]

    @Test func handoverHasTheShiftsFigures() {
        let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 16)
        let store = TestSupport.store(Self.feed, clock: .fixed(now))
        let md = ShiftHandover.markdown(store: store, now: now)
        #expect(md.hasPrefix("# 交接班记录\n"))
        #expect(md.contains("时段: 11-28 08:00 – 11-28 16:00"))
        #expect(md.contains("- 受理事件: 4\n"))
        #expect(md.contains("- 派发任务: 1\n"))
        #expect(md.contains("- 结案事件: 2 (其中就地解决 1)\n"))
        #expect(md.contains("- 当前超期任务: 2\n"))
        #expect(md.contains("- 未确认告警: 严重 1, 警告 1, 提示 0\n"))
        #expect(md.contains("- 村社/网格: 3 · 75.0% / 目标 60%\n"))
        #expect(md.contains("- 区级: 1 · 25.0% / 目标 10%\n"))
        // Overdue tasks, most overdue first; every unresolved alert by level; late events.
        let overdue = md.components("## 超期任务（2）")
        #expect(overdue.firstRange(of: "T0")!.lowerBound < overdue.firstRange(of: "T1")!.lowerBound)
        let alerts = md.components("## 未解除告警（3）")
        #expect(alerts.hasPrefix("\n\n### 严重\n\n- A"))
        #expect(alerts.contains("A1 ") && alerts.contains("A3 ") && alerts.contains("### 警告\n\n- A2 "))
        let late = md.components("## 超时未处置事件（2）")
        #expect(late.contains("- E0 ") && late.contains("- E1 ") && !late.contains("E2 ") && !late.contains("E4"))
        #expect(md == ShiftHandover.markdown(store: store, now: now))
        let en = ShiftHandover.markdown(store: store, now: now, language: .en)
        #expect(en.contains("- events received: 4\n") && en.contains("- open alerts: critical 1, warning 1, info 0\n"))
    }

    @Test func handoverListsStopAtTheirBoundAndSaySo() {
        let lines = (0..<205).map { Line.event("E\($0)", "2026-11-28T09:00:00+08:00", priority: "1") }
        let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 16)
        let md = ShiftHandover.markdown(store: TestSupport.store(lines), now: now)
        let late = md.components("## 超时未处置事件（205）")
        #expect(late.split(separator: "\n").filter { $0.hasPrefix("- E") }.count == ShiftHandover.listLimit)
        #expect(late.contains("- 另有5项未列出（每项清单最多列200项）"))
    }
}

extension String {
    /// The text after the first `marker` (empty when absent): the section a test looks at.
    func components(_ marker: String) -> Substring {
        guard let r = firstRange(of: marker) else { return "" }
        return self[r.upperBound...]
    }
}
