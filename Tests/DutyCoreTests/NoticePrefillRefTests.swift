@testable import DutyCore
import Testing

/// A document drafted from an upstream alert names the alert and, when the
/// alert's free-text ref is an item (`kind:id`), that item too. A ref that
/// is not one (`grid:JP-03-12`, a note) must not be carried into the draft:
/// the dialog cannot edit refs, and the core refuses a draft with a bad one,
/// so the officer's typed document could never be issued.
@Suite struct NoticePrefillRefTests {
    static let now = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 15)

    static func store(ref: String) -> Store {
        let line = #"{"kind":"alert","id":"UP-7","ts":"2026-12-04T09:30:00+08:00","level":"warning","type":"cluster","title":"上游告警","ref":"\#(ref)","status":"open"}"#
        let store = Store(clock: .fixed(now))
        var l = line
        l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "f.jsonl", lineNumber: 1, offset: 0) }
        return store
    }

    @Test func anAlertRefThatIsNoItemIsLeftOutAndTheDraftCanBeIssued() throws {
        for ref in ["grid:JP-03-12", "溪口镇 河道", "task:"] {
            let store = Self.store(ref: ref)
            let alert = try #require(store.index(.alert, id: "UP-7"))
            var draft = OperatorActions.NoticeDraft.prefilled(.riskNotice, about: .alert, alert, in: store, now: Self.now)
            #expect(draft.refs == ["alert:UP-7"], "\(ref)")
            draft.to = ["溪口镇"]
            draft.body = "请核查"
            #expect(OperatorAction.issueNotice(draft).refusal(in: store) == nil, "\(ref)")
        }
        // An item ref is kept.
        let store = Self.store(ref: "event:E9")
        let alert = try #require(store.index(.alert, id: "UP-7"))
        #expect(OperatorActions.NoticeDraft.prefilled(.riskNotice, about: .alert, alert, in: store, now: Self.now).refs
            == ["alert:UP-7", "event:E9"])
    }
}
