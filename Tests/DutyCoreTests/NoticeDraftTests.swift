import DutyTestSupport
import Testing
@testable import DutyCore

/// Issue 13: a document issued from a row starts addressed, titled and
/// linked from the item, with the reply deadline of its type's table.
@Suite struct NoticeDraftTests {
    typealias Draft = OperatorActions.NoticeDraft
    static let now = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 10, minute: 15)

    @Test func replyDeadlinesComeFromOneTable() {
        #expect(Draft.defaultDue(.supervision, issuedAt: Self.now) == Timestamp.millis(year: 2026, month: 12, day: 7, hour: 18))
        #expect(Draft.defaultDue(.riskNotice, issuedAt: Self.now) == Timestamp.millis(year: 2026, month: 12, day: 9, hour: 18))
        #expect(Draft.defaultDue(.bulletin, issuedAt: Self.now) == nil)
        // Late in the evening is still that local day (+08:00), not the UTC one.
        let late = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 23, minute: 50)
        #expect(Draft.defaultDue(.supervision, issuedAt: late) == Timestamp.millis(year: 2026, month: 12, day: 7, hour: 18))
    }

    @Test func aTasksDocumentGoesToItsUnitAboutIt() throws {
        let store = TestSupport.store([
            Line.task("ZF-20261204-0003", "2026-12-04T09:30:00+08:00", due: "2026-12-04T11:30:00+08:00", unit: "江口派出所"),
            Line.alert("R-overdue-X", "2026-12-04T11:30:00+08:00") .replacingOccurrences(of: #""status":"open"}"#,
                                                                                   with: #""status":"open","ref":"task:ZF-20261204-0003"}"#),
        ])
        let t = try #require(store.index(.task, id: "ZF-20261204-0003"))
        let d = Draft.prefilled(.supervision, about: .task, t, in: store, now: Self.now)
        #expect(d.to == ["江口派出所"])
        #expect(d.refs == ["task:ZF-20261204-0003"])
        #expect(d.title == "关于ZF-20261204-0003（E1）的执法督办单")
        #expect(d.due == Draft.defaultDue(.supervision, issuedAt: Self.now))
        // From the alert about the task: the same unit, both items concerned.
        let a = try #require(store.index(.alert, id: "R-overdue-X"))
        let fromAlert = Draft.prefilled(.supervision, about: .alert, a, in: store, now: Self.now)
        #expect(fromAlert.to == ["江口派出所"])
        #expect(fromAlert.refs == ["alert:R-overdue-X", "task:ZF-20261204-0003"])
        // What the officer would issue as it stands is accepted by the core.
        var issued = fromAlert
        issued.body = "请限期办结。"
        #expect(OperatorAction.issueNotice(issued).refusal(in: store) == nil)
    }
}
