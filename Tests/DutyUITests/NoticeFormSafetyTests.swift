import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The issue dialog where trust is at stake: a draft is not thrown away by
/// one Esc when only its addressees were typed, nothing is issued while the
/// console is too small to show the dialog, and a draft the journal did not
/// take comes back to the form (with `C-r` to retry the journal from there).
@Suite struct NoticeFormSafetyTests {
    init() { _ = UITest.locale }

    /// The rig of `NoticeFormTests` with the dialog open on ZF-1 and a body typed.
    static func composing() throws -> ConsoleRig {
        let rig = ConsoleRig(store: NoticeFormTests.store(), themeCount: 1)
        try NoticeFormTests.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.state.noticeForm?.body.insert("请于三日内整改到位")
        return rig
    }

    @Test func oneEscKeepsAddresseesTypedByHand() throws {
        let rig = ConsoleRig(store: NoticeFormTests.store(), themeCount: 1)
        try NoticeFormTests.select(rig, .tasks, "ZF-1")
        rig.press("N")
        rig.press("S-Tab"); rig.press("S-Tab")
        #expect(rig.state.noticeForm?.field == .to)
        NoticeFormTests.type(rig, "、区市场监管局、区公安分局")
        rig.press("Esc")
        #expect(rig.state.mode == .composing)
        #expect(rig.state.noticeForm?.discardArmed == true)
        #expect(rig.state.noticeForm?.addressees == [NoticeFormTests.unit, "区市场监管局", "区公安分局"])
    }

    @Test func nothingIsIssuedWhileTheDialogCannotBeShown() throws {
        let rig = try Self.composing()
        rig.press("S-Tab")   // on the title, where Enter asks "issue?"
        // The session passes the layout of the screen: nil when it is too small to lay out.
        let tiny = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live).layout(width: 40, height: 10, state: rig.state)
        #expect(tiny == nil)
        var effects = [rig.reducer.apply(.formIssue, to: &rig.state, layout: tiny)]
        effects.append(rig.reducer.apply(.formEnter, to: &rig.state, layout: tiny))
        #expect(effects == [nil, nil])
        #expect(rig.state.mode == .composing && rig.state.noticeForm?.confirming == false)
        // Asked while it showed, answered after the terminal shrank: still not issued.
        rig.press("F10")
        #expect(rig.state.noticeForm?.confirming == true)
        let answered = rig.reducer.apply(.formEnter, to: &rig.state, layout: tiny)
        #expect(answered == nil)
        #expect(rig.state.mode == .composing && rig.state.noticeForm?.body.text == "请于三日内整改到位")
        // Shown again: Enter at the question issues.
        rig.press("F10")
        #expect(ConsoleRig.performed(rig.press("Enter"))?.kind == .issueNotice)
    }

    @Test func theFirstParagraphKeepsItsIndentAndBlankLinesAroundGo() throws {
        let rig = try Self.composing()
        rig.state.noticeForm?.body.replace(with: "\n\n　　经查，你单位已超期。\n　　特此督办。\n\n")
        guard case .success(let draft) = rig.state.noticeForm?.draft(now: NoticeFormTests.now) else {
            Issue.record("no draft"); return
        }
        #expect(draft.body == "　　经查，你单位已超期。\n　　特此督办。")
        // A body of nothing but line breaks and spaces is still no body.
        rig.state.noticeForm?.body.replace(with: "\n\n　\n \n")
        guard case .failure(let problem) = rig.state.noticeForm?.draft(now: NoticeFormTests.now) else {
            Issue.record("issued an empty body"); return
        }
        #expect(problem.labelKey == "form_need_body")
    }

    @Test func oddBodiesDrawWholeAtEverySize() throws {
        let bodies = [
            String(repeating: "\n", count: 40),
            "a\n\u{301}\u{301}x\n",
            String(repeating: "经查，你单位承办的任务已超期。", count: 400),   // a huge paste, cut at the limit
            "👨‍👩‍👧🇨🇳e\u{301}" + String(repeating: "，", count: 30) + "\t\u{1b}[31m",
        ]
        for body in bodies {
            let rig = try Self.composing()
            rig.state.noticeForm?.body.replace(with: "")
            rig.state.noticeForm?.field = .body
            for scalar in body.unicodeScalars {   // as the terminal hands them over: one code point a key
                rig.apply(scalar == "\n" ? .formEnter : .formInput(String(scalar)))
            }
            rig.press("Up"); rig.press("Home"); rig.press("End")
            #expect(rig.state.noticeForm?.body.characters.count ?? 0 <= 4000)
            for (w, h) in [(60, 16), (61, 17), (80, 24), (99, 30), (120, 40), (200, 60)] {
                let grid = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live).render(rig.state, width: w, height: h)
                #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == w }, "\(w)×\(h)")
                let cursor = try #require(grid.cursor, "\(w)×\(h)")
                #expect(cursor.x < w && cursor.y < h && grid[cursor.x, cursor.y].style.selected, "\(w)×\(h)")
            }
        }
    }

    @Test func atTheSmallestConsoleTheDialogShowsAndIssues() throws {
        let rig = try Self.composing()
        let size = Layout.minimum
        let view = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live)
        let layout = try #require(view.layout(width: size.width, height: size.height, state: rig.state))
        #expect(NoticeFormLayout(layout) != nil)
        let screen = screenText(view.render(rig.state, width: size.width, height: size.height))
        #expect(screen.contains("请于三日内整改到位"))
        var effects = [rig.reducer.apply(.formIssue, to: &rig.state, layout: layout)]
        effects.append(rig.reducer.apply(.formEnter, to: &rig.state, layout: layout))
        #expect(effects.first == .some(nil) && ConsoleRig.performed(effects.last ?? nil)?.kind == .issueNotice)
    }

    @Test func aDraftTheJournalDidNotTakeComesBackToTheForm() throws {
        let rig = try Self.composing()
        rig.state.focus = .tasks
        rig.press("F10")
        let request = try #require(ConsoleRig.performed(rig.press("Enter")))
        #expect(rig.state.mode == .main && rig.state.noticeForm == nil)
        // The session's outcome: the journal failed. The draft is back, as typed.
        ConsoleReducer.noticeNotIssued(&rig.state)
        #expect(rig.state.mode == .composing)
        let form = try #require(rig.state.noticeForm)
        #expect(form.body.text == "请于三日内整改到位" && form.refs == ["task:ZF-1"] && !form.confirming)
        // The journal can be retried from the dialog, and the same draft issued again.
        #expect(rig.press("C-r") == .retryJournal)
        #expect(rig.state.mode == .composing)
        rig.press("F10")
        #expect(ConsoleRig.performed(rig.press("Enter")) == request)
        // Once issued, nothing is kept to come back.
        ConsoleReducer.noticeIssued(&rig.state)
        ConsoleReducer.noticeNotIssued(&rig.state)
        #expect(rig.state.mode == .main && rig.state.noticeForm == nil)
    }
}
