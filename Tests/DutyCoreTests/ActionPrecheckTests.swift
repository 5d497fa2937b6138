import DutyTestSupport
import Testing
@testable import DutyCore

/// The check at the key (`OperatorAction.refusal(in:)`) against the records
/// themselves: for every action on items in every state, the precheck
/// refuses exactly when `records` does, with the same code.
@Suite struct ActionPrecheckTests {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
    static let ctx = ActionContext(operator: "李娜", now: now)
    static let at = "2026-11-28T09:00:00+08:00"

    /// One item per state: events E-<status>, tasks T-<status> (of the
    /// dispatched event), cases M-<tier>-<status>, alerts A-<status>; and
    /// dispatched events whose tasks are all done (EC-done), returned only
    /// (EC-returned), none (EC-none).
    static func store() -> Store {
        var feed: [String] = []
        for s in EventStatus.allCases { feed.append(Line.event("E-" + s.wire, at, status: s.wire)) }
        for s in TaskStatus.allCases {
            feed.append(Line.task("T-" + s.wire, at, due: "2026-11-28T11:00:00+08:00", status: s.wire, event: "\"E-dispatched\""))
        }
        for (id, status) in [("EC-done", "done"), ("EC-returned", "returned")] {
            feed.append(Line.event(id, at, status: "dispatched"))
            feed.append(Line.task("T-" + id, at, due: "2026-11-28T11:00:00+08:00", status: status, event: "\"\(id)\""))
        }
        feed.append(Line.event("EC-none", at, status: "dispatched"))
        for t in MediationTier.allCases {
            for s in MediationStatus.allCases { feed.append(Line.mediation("M-\(t.wire)-\(s.wire)", at, tier: t.wire, status: s.wire)) }
        }
        for s in AlertStatus.allCases { feed.append(Line.alert("A-" + s.wire, at, status: s.wire)) }
        return TestSupport.store(feed, clock: .fixed(now))
    }

    /// Every action with valid choices on every item id of its kind (and one
    /// that does not exist).
    static func actions(_ store: Store) -> [OperatorAction] {
        func ids(_ kind: Kind) -> [String] { (0..<store.count(kind)).map { store.id(kind, Int32($0)) } + ["missing"] }
        var out: [OperatorAction] = []
        for e in ids(.event) {
            out += [.dispatch(event: e, unit: "锦屏派出所", type: .joint), .cancel(event: e, reason: "误报"), .close(event: e)]
        }
        for t in ids(.task) {
            out += [.returnTask(task: t, reason: District.returnReasons[0]), .urge(task: t), .done(task: t, outcome: .rectified)]
        }
        for m in ids(.mediation) { out += [.escalate(case: m), .refer(case: m)] }
        for a in ids(.alert) { out += [.acknowledge(alert: a), .snooze(alert: a), .resolve(alert: a), .acknowledgeAll(alerts: [a])] }
        out.append(.acknowledgeAll(alerts: ["A-acked", "A-resolved"]))
        out.append(.acknowledgeAll(alerts: ["A-acked", "A-open"]))
        return out
    }

    @Test func precheckRefusesExactlyWhenRecordsDo() {
        let store = Self.store()
        var refusedCount = 0, passedCount = 0
        for action in Self.actions(store) {
            let early = action.refusal(in: store)
            let late: ActionRefusal.Code?
            switch action.records(in: store, Self.ctx, taskID: { _ in "ZF-20261128-0100" }) {
            case .success: late = nil
            case .failure(let r): late = r.code
            }
            #expect(early?.code == late, "\(action)")
            if early == nil { passedCount += 1 } else { refusedCount += 1 }
        }
        // Both sides are exercised, and every state-decided code appears.
        #expect(refusedCount > 20 && passedCount > 20)
    }

    @Test func eachStateDecidedCodeIsReachedAtTheKey() {
        let store = Self.store()
        let codes = Set(Self.actions(store).compactMap { $0.refusal(in: store)?.code })
        let stateCodes: Set<ActionRefusal.Code> = [
            .notFound, .alreadyDispatched, .eventNotOpen, .cancelNotOpen, .closeNotDispatched, .tasksNotDone,
            .noTaskDone, .taskNotOpen, .caseClosed, .caseEscalated, .topTier, .alertNotOpen, .noOpenAlerts, .alertResolved,
        ]
        #expect(codes == stateCodes)
    }

    /// The choices are not the precheck's business: a dispatch to no unit
    /// passes it and is refused when built.
    @Test func choicesAreLeftToTheRecords() {
        let store = Self.store()
        let noUnit = OperatorAction.dispatch(event: "E-open", unit: "", type: .joint)
        #expect(noUnit.refusal(in: store) == nil)
        guard case .failure(let r) = noUnit.records(in: store, Self.ctx, taskID: { _ in "x" }) else {
            Issue.record("not refused"); return
        }
        #expect(r.code == .noUnit)
    }
}
