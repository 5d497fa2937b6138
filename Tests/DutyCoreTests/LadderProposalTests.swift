import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13, "the escalation ladder proposes rather than invents": at the
/// 督办单 and 通报 stages a task's ladder raises 应发督办单 / 应发通报
/// proposals (critical, in event time), an issued document of the type naming
/// the task closes its proposal at the document's ts (or forestalls it), a
/// document about another task or of another type does not, an urge moves no
/// stage, and the engine writes alerts only, never a notice.
@Suite struct LadderProposalTests {
    typealias R = AlertRuleTests
    static let min: Millis = 60_000
    static let hour: Millis = 60 * min
    static let due = R.t(13)
    static let unit = "锦屏街道综合行政执法中队"

    static func notice(_ id: String, _ ts: Millis, _ type: NoticeType = .supervision, number: String = "奉综指督〔2026〕7号",
                       refs: [String] = ["task:ZF-7"], status: NoticeStatus = .issued) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, by: "值班员甲", body: .notice(NoticeBody(
            type: type, number: number, title: "关于督促限期办结执法任务的通知", to: [unit], refs: refs,
            body: "请立即组织处置。", due: type == .bulletin ? nil : ts + 3 * TimeSpan.day, status: status))))
    }

    /// Evaluates at `now` with the store's clock there, applies the output,
    /// and checks it holds alerts only.
    static func step(_ engine: inout AlertRuleEngine, _ store: Store, _ now: Millis) -> [Record] {
        store.clock = .fixed(now)
        let notices = store.count(.notice)
        let out = R.step(&engine, store, now)
        #expect(out.allSatisfy { $0.kind == .alert }, "the engine wrote \(out.filter { $0.kind != .alert }.map(\.id))")
        #expect(store.count(.notice) == notices)
        return out
    }

    static func status(_ r: Record) -> AlertStatus { R.alertBody(r).status }

    @Test func theSupervisionProposalComes24HoursPastDueInEventTime() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.task("ZF-7", R.t(9), due: Self.due))
        _ = Self.step(&engine, store, Self.due + Self.min)
        #expect(Self.step(&engine, store, Self.due + 24 * Self.hour - 1).isEmpty)
        #expect(AlertEpisodes.proposal(store, task: 0, at: Self.due + 24 * Self.hour - 1) == nil)
        let out = Self.step(&engine, store, Self.due + 24 * Self.hour + 5 * Self.min)
        #expect(out.map(\.id) == ["R-overdue-ZF-7", "R-propose_supervision-ZF-7"])
        #expect(out.allSatisfy { $0.snapshot.ts == Self.due + 24 * Self.hour })
        #expect(out.first?.snapshot.note == "已升级为应发督办单")
        let p = R.alertBody(try #require(out.last))
        #expect(p.type == "propose_supervision" && p.level == .critical && p.status == .open)
        #expect(p.ref == "task:ZF-7")
        #expect(p.title == "ZF-7 应发督办单：超期24小时未办结（锦屏街道综合行政执法中队）")
        #expect(AlertEpisodes.proposal(store, task: 0, at: Self.due + 24 * Self.hour) == .supervision)
        #expect(Labels.of("alert.type", "propose_supervision") == Label("应发督办单", "order to issue"))
        #expect(Labels.of("alert.type", "propose_bulletin") == Label("应发通报", "bulletin to issue"))
    }

    @Test func anOrderIssuedBeforeTheStageForestallsTheProposalEvenWithdrawn() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.task("ZF-7", R.t(9), due: Self.due))
        _ = Self.step(&engine, store, Self.due + Self.min)
        store.apply(Self.notice("DOC-S7", Self.due + 2 * Self.hour))
        #expect(Self.step(&engine, store, Self.due + 2 * Self.hour).isEmpty)
        // Withdrawn later: it was issued, the proposal stays answered.
        store.apply(Self.notice("DOC-S7", Self.due + 3 * Self.hour, status: .withdrawn))
        let day = Self.step(&engine, store, Self.due + 30 * Self.hour)
        #expect(day.map(\.id) == ["R-overdue-ZF-7"])
        #expect(day.first.map(Self.status) == .resolved && day.first?.snapshot.note == "已印发 奉综指督〔2026〕7号")
        #expect(day.first?.snapshot.ts == Self.due + 24 * Self.hour)
        #expect(AlertEpisodes.proposal(store, task: 0, at: Self.due + 30 * Self.hour) == nil)
        #expect(store.index(.alert, id: "R-propose_supervision-ZF-7") == nil)
        // Still owed at 5 days: the 通报 is proposed all the same.
        let bulletinAt = Self.due + 5 * TimeSpan.day
        let later = Self.step(&engine, store, bulletinAt)
        #expect(later.map(\.id) == ["R-propose_bulletin-ZF-7"])
        #expect(AlertEpisodes.proposal(store, task: 0, at: bulletinAt) == .bulletin)
    }

    @Test func anIssuedOrderClosesTheProposalAtItsTsAndTheBulletinEndsTheNext() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.task("ZF-7", R.t(9), due: Self.due))
        _ = Self.step(&engine, store, Self.due + 25 * Self.hour)
        #expect(store.index(.alert, id: "R-propose_supervision-ZF-7") != nil)
        // The task's own history does not change: the notice alone must wake the engine.
        store.apply(Self.notice("DOC-S7", Self.due + 30 * Self.hour))
        let closed = Self.step(&engine, store, Self.due + 31 * Self.hour)
        #expect(closed.map(\.id) == ["R-propose_supervision-ZF-7"])
        #expect(closed.first?.snapshot.ts == Self.due + 30 * Self.hour)
        #expect(closed.first.map(Self.status) == .resolved && closed.first?.snapshot.note == "已印发 奉综指督〔2026〕7号")
        #expect(AlertEpisodes.proposal(store, task: 0, at: Self.due + 31 * Self.hour) == nil)
        #expect(AlertStanding.unresolved(store, at: Self.due + 31 * Self.hour).isEmpty)
        // Still owed 5 days past due: 应发通报, closed by a 通报 naming the task.
        let bulletinAt = Self.due + 5 * TimeSpan.day
        let proposed = Self.step(&engine, store, bulletinAt + Self.min)
        #expect(proposed.map(\.id) == ["R-propose_bulletin-ZF-7"] && proposed.first?.snapshot.ts == bulletinAt)
        let b = R.alertBody(try #require(proposed.first))
        #expect(b.level == .critical && b.title == "ZF-7 应发通报：超期5天未办结（锦屏街道综合行政执法中队）")
        store.apply(Self.notice("DOC-B12", bulletinAt + 2 * Self.hour, .bulletin, number: "奉综指通〔2026〕第12期"))
        let ended = Self.step(&engine, store, bulletinAt + 3 * Self.hour)
        #expect(ended.map(\.id) == ["R-propose_bulletin-ZF-7"] && ended.first?.snapshot.ts == bulletinAt + 2 * Self.hour)
        #expect(ended.first?.snapshot.note == "已印发 奉综指通〔2026〕第12期")
        #expect(AlertEpisodes.proposal(store, task: 0, at: bulletinAt + 3 * Self.hour) == nil)
        #expect(store.aggregates.activeAlerts.isEmpty)
    }

    @Test func documentsAboutAnotherTaskOrOfAnotherTypeLeaveTheProposal() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.task("ZF-7", R.t(9), due: Self.due))
        store.apply(R.task("ZF-8", R.t(9), due: Self.due))
        _ = Self.step(&engine, store, Self.due + 25 * Self.hour)
        store.apply(Self.notice("DOC-S8", Self.due + 26 * Self.hour, refs: ["task:ZF-8", "event:ZF-7"]))
        store.apply(Self.notice("DOC-R1", Self.due + 26 * Self.hour, .riskNotice, number: "奉综指提〔2026〕8号"))
        store.apply(Self.notice("DOC-B1", Self.due + 26 * Self.hour, .bulletin, number: "奉综指通〔2026〕第11期"))
        let out = Self.step(&engine, store, Self.due + 27 * Self.hour)
        #expect(out.map(\.id) == ["R-propose_supervision-ZF-8"])
        #expect(AlertStanding.unresolved(store, at: Self.due + 27 * Self.hour).map(\.id) == ["R-propose_supervision-ZF-7"])
        #expect(AlertEpisodes.proposal(store, task: 0, at: Self.due + 27 * Self.hour) == .supervision)
        #expect(AlertEpisodes.proposal(store, task: 1, at: Self.due + 27 * Self.hour) == nil)
        // The 通报 already out for ZF-7 forestalls its 通报 proposal: at 5 days
        // the 督办单 proposal ends, naming that 通报, and nothing is raised.
        let bulletinAt = Self.due + 5 * TimeSpan.day
        let at5 = Self.step(&engine, store, bulletinAt)
        // ZF-8, still owed and with no 通报, is proposed one.
        #expect(at5.map(\.id) == ["R-propose_bulletin-ZF-8", "R-propose_supervision-ZF-7"])
        #expect(at5.last?.snapshot.note == "已印发 奉综指通〔2026〕第11期")
        #expect(AlertStanding.unresolved(store, at: bulletinAt).map(\.id) == ["R-propose_bulletin-ZF-8"])
    }

    @Test func anUrgeMovesNoStageAndRaisesNothing() throws {
        let store = Store(clock: .fixed(R.t(9)))
        var engine = AlertRuleEngine()
        store.apply(R.task("ZF-7", R.t(9), due: Self.due))
        _ = Self.step(&engine, store, R.t(13, 30))
        let urge = try OperatorActions.urge(store, task: "ZF-7", ActionContext(operator: "值班员甲", now: R.t(14))).get()
        #expect(urge.map(\.id) == ["ZF-7"] && urge.first?.snapshot.note == AlertEpisodes.urgeNote)
        for r in urge { store.apply(r) }
        #expect(Self.step(&engine, store, R.t(14)).isEmpty)
        #expect(AlertEpisodes.proposal(store, task: 0, at: R.t(14)) == nil)
        #expect(AlertStanding.unresolved(store, at: R.t(14)).map(\.id) == ["R-overdue-ZF-7"])
        // The proposal comes at 24 h past due, as for a task nobody urged.
        let day = Self.step(&engine, store, Self.due + 24 * Self.hour)
        #expect(day.map(\.id) == ["R-overdue-ZF-7", "R-propose_supervision-ZF-7"])
        #expect(day.allSatisfy { $0.snapshot.ts == Self.due + 24 * Self.hour })
    }

    /// A notice's later snapshot adding a task to its refs.
    static func renamed(_ r: Record, _ ts: Millis, refs: [String]) -> Record {
        var r = r
        r.snapshot.ts = ts
        if case .notice(var n) = r.snapshot.body { n.refs = refs; r.snapshot.body = .notice(n) }
        return r
    }

    @Test func aLivedEngineAFreshOneAndTheHeadlessViewAgreeWithDocuments() throws {
        let d = Self.due, h = Self.hour
        // (arrival, record): in ts order but for one 督办单 filed 14 hours late
        // and one dated 2 hours ahead.
        var feed: [(arrives: Millis, record: Record)] = (1...5).map { k in
            (R.t(9), R.task("ZF-\(k)", R.t(9), due: k == 4 ? d + 21 * h : d))
        }
        let draft = Self.notice("DOC-4", d + 10 * h, number: "奉综指督〔2026〕9号", refs: [])
        feed += [
            // Dated ahead of the clock when it arrives: it closes at its ts, with nothing new arriving then.
            (d + 28 * h, Self.notice("DOC-1", d + 30 * h, refs: ["task:ZF-1"])),
            (d + 2 * h, Self.notice("DOC-2", d + 2 * h, number: "奉综指督〔2026〕8号", refs: ["task:ZF-2"])),
            (d + 4 * h, Self.notice("DOC-2", d + 4 * h, number: "奉综指督〔2026〕8号", refs: ["task:ZF-2"], status: .withdrawn)),
            (d + 3 * TimeSpan.day, R.task("ZF-3", d + 3 * TimeSpan.day, due: d, .done)),
            (d + 10 * h, draft),
            (d + 40 * h, Self.renamed(draft, d + 40 * h, refs: ["task:ZF-5"])),
            (d + 20 * h, Self.notice("DOC-5", d + 20 * h, .riskNotice, number: "奉综指提〔2026〕8号", refs: ["task:ZF-4"])),
            (d + 50 * h, Self.notice("DOC-6", d + 36 * h, number: "奉综指督〔2026〕10号", refs: ["task:ZF-4"])),
            (d + 5 * TimeSpan.day + h, Self.notice("DOC-7", d + 5 * TimeSpan.day + h, .bulletin,
                                                   number: "奉综指通〔2026〕第12期", refs: ["task:ZF-1", "task:ZF-3", "task:ZF-5"])),
        ]
        feed.sort { $0.arrives < $1.arrives }
        let store = Store(clock: .fixed(R.t(9)))
        var lived = AlertRuleEngine()
        var next = 0, t = R.t(9), step = 0
        var compared = 0, proposals = Set<String>()
        while t < d + 7 * TimeSpan.day {
            t += 37 * Self.min
            step += 1
            while next < feed.count && feed[next].arrives <= t { store.apply(feed[next].record); next += 1 }
            _ = Self.step(&lived, store, t)
            guard step % 5 == 0 else { continue }
            let seen = AlertStanding.unresolved(store, at: t)
            let arrived = feed[..<next].map(\.record)
            // A fresh engine once over the records with ts ≤ t, and the headless
            // view (`dutydesk alerts --at t`) over every record arrived, later ones included.
            let fresh = Store(clock: .fixed(t)), all = Store(clock: .fixed(t))
            for r in arrived where r.snapshot.ts <= t { fresh.apply(r) }
            for r in arrived { all.apply(r) }
            let a = AlertStanding.evaluate(fresh, at: t), b = AlertStanding.evaluate(all, at: t)
            #expect(seen == a, "lived vs fresh at \(Timestamp.format(t)): \(AlertAgreementTests.diff(seen, a))")
            #expect(a == b, "fresh vs headless at \(Timestamp.format(t)): \(AlertAgreementTests.diff(a, b))")
            for x in seen where x.type.hasPrefix("propose_") { proposals.insert(x.id) }
            compared += 1
        }
        #expect(compared >= 50)
        // What the documents made of the ladder, in the lived store.
        func note(_ id: String) -> String? {
            store.item(.alert, id: id).flatMap { $0.current.note }
        }
        #expect(note("R-propose_supervision-ZF-1") == "已印发 奉综指督〔2026〕7号")
        #expect(store.index(.alert, id: "R-propose_supervision-ZF-2") == nil)
        #expect(note("R-propose_supervision-ZF-3") == "任务已办结或退回")
        // Raised at its stage, then a 督办单 dated before the stage arrived:
        // the past was rewritten, the proposal resolved as gone.
        #expect(note("R-propose_supervision-ZF-4") == "条件已变")
        #expect(note("R-propose_supervision-ZF-5") == "已印发 奉综指督〔2026〕9号")
        #expect(store.index(.alert, id: "R-propose_bulletin-ZF-1") != nil && note("R-propose_bulletin-ZF-1") == "已印发 奉综指通〔2026〕第12期")
        #expect(note("R-propose_bulletin-ZF-2") == nil && store.index(.alert, id: "R-propose_bulletin-ZF-2") != nil)
        #expect(proposals.isSuperset(of: ["R-propose_supervision-ZF-1", "R-propose_bulletin-ZF-2"]))
        #expect(store.count(.notice) == 6)
    }
}
