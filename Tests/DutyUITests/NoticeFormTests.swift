import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The issue dialog (`N`): prefilled from the row, typed in Chinese, issued
/// only after "issue?" is answered, the ladder's proposals opening it, and
/// what it looks like at 80×24 and 120×40.
@Suite struct NoticeFormTests {
    init() { _ = UITest.locale }

    static let now = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 15)
    static let unit = "溪口镇综合行政执法中队"

    /// An event with two tasks: ZF-1 two days past due with the ladder's
    /// 督办单 proposal open, ZF-2 not yet due.
    static func store() -> Store {
        let lines = [
            Line.event("E1", "2026-12-01T09:00:00+08:00", status: "dispatched", town: "溪口镇", title: "河道违法搭建"),
            Line.task("ZF-1", "2026-12-01T09:30:00+08:00", due: "2026-12-02T09:30:00+08:00", unit: unit),
            Line.task("ZF-2", "2026-12-04T09:30:00+08:00", due: "2026-12-06T09:30:00+08:00", unit: "锦屏街道综合行政执法中队"),
            #"{"kind":"alert","id":"R-propose_supervision-ZF-1","ts":"2026-12-03T09:30:00+08:00","level":"critical","type":"propose_supervision","title":"ZF-1 应发督办单：超期24小时未办结（\#(unit)）","ref":"task:ZF-1","status":"open"}"#,
        ]
        let store = Store(clock: .fixed(now))
        for (n, line) in lines.enumerated() {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "f.jsonl", lineNumber: n + 1, offset: 0) }
        }
        return store
    }

    /// Selects the row of `id` in `pane` of the rig.
    static func select(_ rig: ConsoleRig, _ pane: Pane, _ id: String) throws {
        rig.state.focus = pane
        let kind = Pane.kind(of: pane)
        let n = rig.paneRows.count(pane, store: rig.store, filter: nil)
        let items = rig.paneRows.items(pane, store: rig.store, filter: nil, from: 0, limit: n)
        rig.state.selection[pane.rawValue] = try #require(items.firstIndex { rig.store.id(kind, $0) == id })
    }

    static func type(_ rig: ConsoleRig, _ text: String) {
        for ch in text { rig.press(ch == " " ? "Space" : String(ch)) }
    }

    @Test func nOnAnOverdueTaskDraftsTheProposedSupervisionOrder() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        #expect(rig.press("N") == nil)
        #expect(rig.state.mode == .composing)
        let form = try #require(rig.state.noticeForm)
        #expect(form.type == .supervision && form.field == .body)   // the body is what is typed
        #expect(form.addressees == [Self.unit])
        #expect(form.refs == ["task:ZF-1"])
        #expect(form.title.text == "关于ZF-1（E1）的执法督办单")
        // 督办单: three calendar days, due at 18:00.
        #expect(form.due.text == "2026-12-07 18:00")
    }

    @Test func typedInChineseAskedOnceAndIssuedWithWhatWasTyped() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        #expect(rig.state.noticeForm?.field == .body)
        Self.type(rig, "请于三日内整改")
        rig.press("Enter")   // in the body: a line break, not an issue
        Self.type(rig, "并书面回复")
        rig.press("Backspace")
        Self.type(rig, "复。")
        #expect(rig.state.noticeForm?.body.text == "请于三日内整改\n并书面回复。")
        #expect(rig.state.mode == .composing)
        // Two addressees: the unit and one typed after 、.
        rig.press("S-Tab"); rig.press("S-Tab")
        #expect(rig.state.noticeForm?.field == .to)
        Self.type(rig, "、区市场监管局")
        #expect(rig.press("Enter") == nil)   // outside the body: asks first
        #expect(rig.state.noticeForm?.confirming == true)
        let screen = screenText(rig.render(badge: .live))
        #expect(screen.contains("确认印发？"))
        let effect = rig.press("Enter")
        let request = try #require(ConsoleRig.performed(effect))
        #expect(request.kind == .issueNotice)
        guard case .issueNotice(let draft)? = request.action else { Issue.record("not an issue: \(request)"); return }
        #expect(draft.type == .supervision)
        #expect(draft.to == [Self.unit, "区市场监管局"])
        #expect(draft.refs == ["task:ZF-1"])
        #expect(draft.body == "请于三日内整改\n并书面回复。")
        #expect(draft.due == Timestamp.millis(year: 2026, month: 12, day: 7, hour: 18))
        #expect(rig.state.mode == .main && rig.state.noticeForm == nil)
        // The core issues it as the first 督办单 of the year.
        let records = try OperatorActions.issueNotice(rig.store, draft, ActionContext(operator: "值班员甲", now: Self.now)).get()
        guard case .notice(let n) = try #require(records.first).snapshot.body else { Issue.record("no notice"); return }
        #expect(n.number == "奉综指督〔2026〕1号" && n.status == .issued)
    }

    @Test func anythingButEnterAtTheQuestionGoesBackToTheForm() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.state.noticeForm?.body.insert("限期整改")
        rig.press("F10")
        #expect(rig.state.noticeForm?.confirming == true)
        #expect(rig.press("x") == nil)
        #expect(rig.state.noticeForm?.confirming == false && rig.state.noticeForm?.body.text == "限期整改")
        #expect(rig.state.mode == .composing)
    }

    @Test func whatIsMissingIsNamedAndTheCursorGoesThere() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        #expect(rig.press("F10") == nil)
        #expect(rig.state.noticeForm?.problem?.labelKey == "form_need_body")
        #expect(rig.state.noticeForm?.field == .body && rig.state.noticeForm?.confirming == false)
        Self.type(rig, "限期整改")
        rig.press("Tab")
        #expect(rig.state.noticeForm?.field == .due)
        for _ in 0..<16 { rig.press("Backspace") }
        Self.type(rig, "2026-12-01 18:00")
        rig.press("Enter")
        #expect(rig.state.noticeForm?.problem?.labelKey == "form_past_due")
        for _ in 0..<16 { rig.press("Backspace") }
        Self.type(rig, "2026-02-30")
        rig.press("Enter")
        #expect(rig.state.noticeForm?.problem?.labelKey == "form_bad_due")
        for _ in 0..<10 { rig.press("Backspace") }
        rig.press("Enter")   // empty: no reply asked
        #expect(rig.state.noticeForm?.confirming == true)
        guard case .issueNotice(let draft)? = ConsoleRig.performed(rig.press("Enter"))?.action else {
            Issue.record("not issued"); return
        }
        #expect(draft.due == nil)
    }

    @Test func changingTheTypeRefillsWhatTheOfficerHasNotChanged() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.press("S-Tab"); rig.press("S-Tab"); rig.press("S-Tab")
        #expect(rig.state.noticeForm?.field == .type)
        rig.press("Left")   // 督办单 → 风险提示单
        var form = try #require(rig.state.noticeForm)
        #expect(form.type == .riskNotice)
        #expect(form.title.text == "关于ZF-1（E1）的风险提示单" && form.due.text == "2026-12-09 18:00")
        rig.press("Space"); rig.press("Space")   // → 督办单 → 通报
        form = try #require(rig.state.noticeForm)
        #expect(form.type == .bulletin && form.due.text == "")
        rig.press("Tab"); rig.press("Tab")
        Self.type(rig, "（续）")
        rig.press("S-Tab"); rig.press("S-Tab")
        rig.press("Right")   // 通报 → 风险提示单: the title typed on stays
        form = try #require(rig.state.noticeForm)
        #expect(form.type == .riskNotice && form.title.text == "关于ZF-1（E1）的通报（续）")
        #expect(form.due.text == "2026-12-09 18:00")
    }

    @Test func escThrowsAwayATypedDraftOnlyWhenPressedTwice() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.press("Esc")   // nothing typed: closes at once
        #expect(rig.state.mode == .main && rig.state.noticeForm == nil)
        rig.press("N")
        Self.type(rig, "整改")
        rig.press("Esc")
        #expect(rig.state.mode == .composing && rig.state.noticeForm?.discardArmed == true)
        #expect(screenText(rig.render(badge: .live)).contains("再按 Esc 放弃"))
        Self.type(rig, "到位")   // typing on disarms
        #expect(rig.state.noticeForm?.discardArmed == false && rig.state.noticeForm?.body.text == "整改到位")
        rig.press("Esc"); rig.press("Esc")
        #expect(rig.state.mode == .main && rig.state.noticeForm == nil)
    }

    @Test func urgeAtTheProposalOpensTheDialogAndUrgesOtherwise() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        #expect(rig.press("u") == nil)
        #expect(rig.state.mode == .composing && rig.state.noticeForm?.type == .supervision)
        #expect(rig.state.noticeForm?.refs == ["task:ZF-1"])
        rig.press("Esc")
        try Self.select(rig, .tasks, "ZF-2")
        let effect = rig.press("u")
        #expect(ConsoleRig.performed(effect)?.kind == .urge)
        #expect(rig.state.noticeForm == nil)
    }

    @Test func nOnTheProposalDraftsItsDocumentAboutItsTask() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .alerts, "R-propose_supervision-ZF-1")
        rig.press("N")
        let form = try #require(rig.state.noticeForm)
        #expect(form.type == .supervision && form.addressees == [Self.unit] && form.refs == ["task:ZF-1"])
        #expect(form.about == ItemRef(.task, try #require(rig.store.index(.task, id: "ZF-1"))))
        // From an event: a 风险提示单 to its town.
        rig.press("Esc")
        try Self.select(rig, .events, "E1")
        rig.press("N")
        #expect(rig.state.noticeForm?.type == .riskNotice && rig.state.noticeForm?.addressees == ["溪口镇"])
    }

    @Test func dialog80x24() throws { try dialogFrame(80, 24, .zh, named: "notice-form-80x24-zh") }
    @Test func dialog120x40() throws { try dialogFrame(120, 40, .zh, named: "notice-form-120x40-zh") }
    @Test func dialog120x40English() throws { try dialogFrame(120, 40, .en, named: "notice-form-120x40-en") }

    func dialogFrame(_ width: Int, _ height: Int, _ language: Language, named name: String) throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        rig.state.language = language
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        Self.type(rig, "经查，你单位承办的ZF-1（河道违法搭建）已超过办理时限两日仍未办结。请于收到本督办单后三个工作日内整改到位，并书面回复整改情况。")
        rig.press("Enter")
        Self.type(rig, "特此督办。")
        let grid = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live)
            .render(rig.state, width: width, height: height)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == width })
        // The terminal's cursor stands at the body's cursor (after 特此督办。), for the input method.
        let cursor = try #require(grid.cursor)
        #expect(grid[cursor.x, cursor.y].style.selected)
        #expect(grid.line(cursor.y).contains("特此督办。"))
        #expect(ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live)
            .render(ConsoleState(), width: width, height: height).cursor == nil)
        assertFrame(frameText(grid), named: name)
    }
}

/// Bracketed paste: between the terminal's paste marks every key is text,
/// so a pasted line break never asks "issue?" (nor, twice, issues), and a
/// paste over the panes fires no command.
@Suite struct PasteTests {
    init() { _ = UITest.locale }

    @Test func aPastedLineBreakIsTextNeverAnIssue() throws {
        let rig = ConsoleRig(store: NoticeFormTests.store(), themeCount: 1)
        try NoticeFormTests.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.press("S-Tab")   // the title
        rig.press("PasteBegin")
        #expect(rig.state.pasting)
        for key in ["（", "续", "）", "Enter", "Enter", "Tab", "二"] { #expect(ConsoleRig.performed(rig.press(key)) == nil) }
        rig.press("PasteEnd")
        let form = try #require(rig.state.noticeForm)
        #expect(form.field == .title && !form.confirming)
        #expect(form.title.text == "关于ZF-1（E1）的执法督办单（续）   二")
        // Into the body, line breaks stay line breaks.
        rig.press("Tab")
        rig.press("PasteBegin")
        for key in ["一", "Enter", "二", "Enter"] { rig.press(key) }
        rig.press("PasteEnd")
        #expect(rig.state.noticeForm?.body.text == "一\n二\n")
        #expect(rig.state.mode == .composing && !rig.state.pasting)
    }

    @Test func aPasteOverThePanesDoesNothing() {
        let rig = ConsoleRig(store: NoticeFormTests.store(), themeCount: 1)
        rig.press("PasteBegin")
        for key in ["q", "d", "N", "Enter", "2", "/"] { #expect(rig.press(key) == nil) }
        rig.press("PasteEnd")
        #expect(rig.state.mode == .main && rig.state.focus == .events)
        #expect(rig.press("q") == .quit)
    }

    @Test func aPasteIntoTheFilterIsText() {
        let rig = ConsoleRig(store: NoticeFormTests.store(), themeCount: 1)
        rig.press("/")
        rig.press("PasteBegin")
        for key in ["溪", "口", "Enter"] { rig.press(key) }
        rig.press("PasteEnd")
        #expect(rig.state.mode == .filterInput && rig.state.filterDraft == "溪口 ")
    }
}

extension NoticeFormTests {
    /// Up through a long body moves the cursor, not the text under it: the
    /// body scrolls only when the cursor would leave the rows shown.
    @Test func upThroughALongBodyScrollsOnlyAtTheTop() throws {
        let rig = ConsoleRig(store: Self.store(), themeCount: 1)
        try Self.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.press("PasteBegin")
        for n in 1...30 { Self.type(rig, "第\(n)行"); rig.press("Enter") }
        rig.press("PasteEnd")
        let layout = try #require(rig.layout.flatMap(NoticeFormLayout.init))
        func firstShown() -> String? {
            let grid = rig.render(badge: .live)
            return grid.line(layout.y(.body)).split(separator: " ").first { $0.hasPrefix("第") }.map(String.init)
        }
        let top = try #require(rig.state.noticeForm?.bodyTop)
        #expect(top == 31 - layout.bodyRows)   // 31 rows (the last one empty), the cursor on the last
        let shown = firstShown()
        for _ in 0..<5 { rig.press("Up") }
        #expect(rig.state.noticeForm?.bodyTop == top && firstShown() == shown)
        for _ in 0..<(layout.bodyRows) { rig.press("Up") }
        #expect(rig.state.noticeForm!.bodyTop < top)
        #expect(rig.state.noticeForm?.field == .body)
    }
}
