import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The documents (文书) tab of the alerts pane: `w` switches tabs, the tab is
/// its own key scope, and it lists notices open first, newest first.
@Suite struct DocumentTabTests {
    init() { _ = UITest.locale }

    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 14, minute: 30)

    /// Four notices (one overdue, one due later, a bulletin asking no reply,
    /// one replied) and an alert, so both tabs have rows.
    static func store() -> Store {
        let lines = [
            NoticeLine.make("DOC-S1", "2026-11-25T10:00:00+08:00", number: #""奉综指督〔2026〕5号""#,
                            due: #""2026-11-28T10:00:00+08:00""#),
            NoticeLine.make("DOC-S2", "2026-11-27T09:00:00+08:00", number: #""奉综指督〔2026〕6号""#,
                            title: #""关于占道经营整治的督办单""#, to: #"["溪口镇综合行政执法中队","区市场监管局"]"#,
                            due: #""2026-12-02T17:00:00+08:00""#),
            NoticeLine.make("DOC-B1", "2026-11-28T08:00:00+08:00", type: #""bulletin""#, number: #""奉综指通〔2026〕11号""#,
                            title: #""十一月网格事件处置情况通报""#, to: #"["各镇（街道）"]"#, due: "null"),
            NoticeLine.make("DOC-R1", "2026-11-26T10:00:00+08:00", type: #""risk_notice""#, number: #""奉综指提〔2026〕7号""#,
                            title: #""关于汛后地质灾害隐患的风险提示单""#, due: #""2026-12-01T10:00:00+08:00""#),
            NoticeLine.make("DOC-R1", "2026-11-27T16:00:00+08:00", type: #""risk_notice""#, number: #""奉综指提〔2026〕7号""#,
                            title: #""关于汛后地质灾害隐患的风险提示单""#, due: #""2026-12-01T10:00:00+08:00""#,
                            status: #""replied""#, extra: #","reply":"已排查","replied_by":"锦屏街道""#),
            #"{"kind":"alert","id":"R-overdue-1","ts":"2026-11-28T13:00:00+08:00","type":"overdue","level":"warning","title":"任务超期","ref":"task:ZF-1","status":"open"}"#,
        ]
        let store = Store(clock: .fixed(now))
        for (n, line) in lines.enumerated() {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "docs.jsonl", lineNumber: n + 1, offset: 0) }
        }
        return store
    }

    @Test func documentsListOpenFirstNewestFirst() {
        let store = Self.store()
        #expect(store.count(.notice) == 4 && store.count(.alert) == 1)
        let rows = PaneRows()
        let ids = rows.items(.documents, store: store, filter: nil, from: 0, limit: 10).map { store.id(.notice, $0) }
        #expect(ids == ["DOC-B1", "DOC-S2", "DOC-S1", "DOC-R1"])
        #expect(rows.count(.documents, store: store, filter: nil) == 4)
        #expect(rows.row(of: rows.items(.documents, store: store, filter: nil, from: 2, limit: 1)[0], .documents,
                         store: store, filter: nil) == 2)
    }

    @Test func wSwitchesTabsAndTheTabIsItsOwnScope() {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        #expect(rig.press("w") == nil && rig.state.focus == .events)   // only in the alerts pane
        rig.press("4")
        #expect(rig.state.focus == .alerts)
        #expect(KeyRegistry.command(forKey: "a", in: .main, focus: .alerts) == .action(.acknowledge))
        rig.press("w")
        #expect(rig.state.focus == .documents && rig.state.showsDocuments)
        // Alert keys do not fire in the documents tab.
        #expect(KeyRegistry.command(forKey: "a", in: .main, focus: .documents) == nil)
        #expect(KeyRegistry.command(forKey: "z", in: .main, focus: .documents) == nil)
        // The tab stays shown when focus moves away and comes back.
        rig.press("Tab")
        #expect(rig.state.focus == .events)
        rig.press("4")
        #expect(rig.state.focus == .documents)
        rig.press("j")
        #expect(rig.state.selection[Pane.documents.rawValue] == 1)
        rig.press("w")
        #expect(rig.state.focus == .alerts && !rig.state.showsDocuments)
    }

    @Test(arguments: [(120, 40), (80, 24)], [Language.zh, .en])
    func frames(size: (Int, Int), language: Language) {
        var state = ConsoleState()
        state.language = language
        state.focus = .documents
        state.showsDocuments = true
        let store = Self.store()
        let grid = ConsoleView(store: store, paneRows: PaneRows(), badge: .live).render(state, width: size.0, height: size.1)
        let text = frameText(grid)
        #expect(text.contains(language == .zh ? "告警 | •文书" : "Alerts | •Documents"))
        #expect(text.contains("督〔2026〕6号"))   // the stem 奉综指 dropped in a narrow pane
        #expect(!text.contains("issued") || language == .en)
        let name = "documents-\(size.0)x\(size.1)-\(language == .zh ? "zh" : "en")"
        switch name {
        case "documents-120x40-zh": assertFrame(text, named: "documents-120x40-zh")
        case "documents-120x40-en": assertFrame(text, named: "documents-120x40-en")
        case "documents-80x24-zh": assertFrame(text, named: "documents-80x24-zh")
        default: assertFrame(text, named: "documents-80x24-en")
        }
    }

    /// `x` closes a document in its tab (after y/n), resolves an alert in the
    /// alerts tab, and is refused at the key for a document already closed.
    @Test func xClosesADocumentOnlyInItsTab() {
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .documents) == .action(.closeNotice))
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .alerts) == .action(.resolve))
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        rig.press("4"); rig.press("w"); rig.press("j"); rig.press("j")   // DOC-S1
        rig.press("x")
        #expect(rig.state.mode == .confirming)
        let request = ConsoleRig.performed(rig.press("y"))
        #expect(request?.action == .closeNotice(notice: "DOC-S1"))

        let closed = Self.store()
        let line = NoticeLine.make("DOC-B1", "2026-11-28T09:00:00+08:00", type: #""bulletin""#, number: #""奉综指通〔2026〕11号""#,
                                   title: #""十一月网格事件处置情况通报""#, to: #"["各镇（街道）"]"#, due: "null", status: #""closed""#)
        var l = line
        l.withUTF8 { _ = closed.ingest(line: UnsafeRawBufferPointer($0), file: "docs.jsonl", lineNumber: 99, offset: 0) }
        let again = ConsoleRig(store: closed, themeCount: 1)
        again.press("4"); again.press("w")
        let b1 = again.paneRows.items(.documents, store: closed, filter: nil, from: 0, limit: 9).firstIndex { closed.id(.notice, $0) == "DOC-B1" }
        for _ in 0..<(b1 ?? 0) { again.press("j") }
        #expect(again.press("x") == nil)
        #expect(again.state.mode == .main)
        #expect(again.state.status?.hasPrefix("文书办结") == true)
    }

    /// `p` asks the reply in the footer and records it with the first
    /// addressee as who replied; `W` asks why; an empty answer is not taken;
    /// a replied document is refused a second reply at the key.
    @Test func pRecordsAReplyAndWWithdrawsWithAReason() {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        rig.press("4"); rig.press("w"); rig.press("j")   // DOC-S2
        rig.press("p")
        #expect(rig.state.mode == .textInput && rig.state.textPrompt?.field == .noticeReply)
        #expect(rig.press("Enter") == nil && rig.state.mode == .textInput)   // nothing typed yet
        for ch in ["已", "整", "改"] { rig.press(ch) }
        let reply = ConsoleRig.performed(rig.press("Enter"))
        #expect(reply?.action == .replyNotice(notice: "DOC-S2", reply: "已整改", repliedBy: "溪口镇综合行政执法中队"))
        #expect(rig.state.mode == .main)

        rig.press("W")
        #expect(rig.state.textPrompt?.field == .withdrawReason)
        for ch in ["误", "发"] { rig.press(ch) }
        #expect(ConsoleRig.performed(rig.press("Enter"))?.action == .withdrawNotice(notice: "DOC-S2", reason: "误发"))

        rig.press("G")   // DOC-R1, already replied
        #expect(rig.press("p") == nil && rig.state.mode == .main)
        #expect(rig.state.status?.hasPrefix("登记回复") == true)
    }

    /// Enter on a document shows its fields: number, addressees, items
    /// concerned, body, reply deadline (overdue here) and the reply once given.
    @Test func theDetailShowsTheDocument() {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        rig.press("4"); rig.press("w"); rig.press("j"); rig.press("j")   // DOC-S1, overdue
        rig.press("Enter")
        #expect(rig.state.mode != .main)
        let shown = rig.render(badge: .live).text
        for part in ["奉综指督〔2026〕5号", "锦屏街道综合行政执法中队", "ZF-20261128-0007", "请立即组织处置", "逾期 4h30m"] {
            #expect(shown.contains(part), "\(part)")
        }
        rig.press("Esc")
        rig.press("G"); rig.press("Enter")   // DOC-R1, replied
        let replied = rig.render(badge: .live).text
        #expect(replied.contains("已排查") && replied.contains("已回复"))
    }
}
