import DutyCore

/// The issue dialog (`N`): opened prefilled from the selected row, edited
/// field by field, issued only by the officer — Enter (outside the body) or
/// F10 asks "issue?", and a second Enter issues. `u` on a task the ladder
/// proposes a document for, and `N` on the proposal itself, open the same
/// dialog prefilled with the proposed type, addressed to the task's unit.
extension ConsoleReducer {
    /// The document the ladder proposes for a task now (its 督办单 or 通报
    /// stage reached, no such document issued for it yet): the core's one
    /// answer, which the rules' proposal alerts come from too.
    func proposal(forTask task: Int32) -> NoticeType? {
        AlertEpisodes.proposal(store, task: task, at: store.now)
    }

    /// What `N` drafts from the selected row: a task's proposed document
    /// (else a 督办单 to its unit), a proposal alert's document about its
    /// task, a 风险提示单 about an event, a case or another alert, a 通报
    /// about a document or about nothing selected.
    func noticeStart(_ state: ConsoleState) -> (NoticeType, ItemRef?) {
        guard case .success(let request) = RowActions(store: store, paneRows: paneRows).request(.issueNotice, state),
              let target = request.item, let index = store.index(target.kind, id: target.id) else { return (.bulletin, nil) }
        let about = ItemRef(target.kind, index)
        switch target.kind {
        case .task:
            return (proposal(forTask: index) ?? .supervision, about)
        case .alert:
            let s = store.current(.alert, index)
            if let type = AlertRule(rawValue: store.text(s.alert.type))?.proposedNotice,
               let ref = store.texts.optionalText(s.alert.ref), ref.hasPrefix("task:"),
               let task = store.index(.task, id: String(ref.dropFirst(5))) {
                return (type, ItemRef(.task, task))
            }
            return (.riskNotice, about)
        case .notice: return (.bulletin, about)
        case .event, .mediation: return (.riskNotice, about)
        }
    }

    /// Opens the dialog of `type` about `about`, returning where it was opened from when done.
    func openNoticeForm(_ type: NoticeType, about: ItemRef?, _ state: inout ConsoleState) -> ConsoleEffect? {
        switch state.mode {
        case .list, .detail: state.actionReturn = state.mode
        default: break
        }
        state.noticeForm = NoticeForm(type, about: about, store: store, now: store.now)
        state.mode = .composing
        return nil
    }

    /// A key in the dialog.
    func applyForm(_ command: Command, _ state: inout ConsoleState, layout: ScreenLayout?) -> ConsoleEffect? {
        guard var form = state.noticeForm else { state.mode = .main; return nil }
        let formLayout = layout.flatMap(NoticeFormLayout.init)
        let width = formLayout?.fieldWidth ?? 60
        // A console too small to lay out shows no dialog: nothing is issued unseen.
        let shown = formLayout != nil
        defer {
            if state.noticeForm != nil {
                if let formLayout { form.scrollBody(rows: formLayout.bodyRows, width: width) }
                state.noticeForm = form
            }
        }
        if form.confirming {
            // "Issue?": Enter (or F10) issues; any other key goes back to the form.
            form.confirming = false
            guard command == .formEnter || command == .formIssue, shown else { return nil }
            guard case .success(let draft) = form.draft(now: store.now) else { return nil }
            state.noticeForm = nil
            state.issuingNotice = form
            endAction(&state)
            return .perform(ActionRequest(kind: .issueNotice, choice: .notice(draft)))
        }
        if command != .formCancel { form.discardArmed = false }
        switch command {
        case .formField(let delta):
            form.field = Self.field(form.field, delta)
        case .formInput(let text):
            if form.field == .type {
                if text == " " { form.cycleType(1, store: store, now: store.now) }
            } else {
                form.edit { $0.insert(text) }
            }
        case .formEnter where form.field == .body:
            form.edit { $0.newline() }
        case .formEnter, .formIssue:
            guard shown else { break }
            switch form.draft(now: store.now) {
            case .success: form.confirming = true; form.problem = nil
            case .failure(let problem): form.problem = problem; form.field = problem.field
            }
        case .formBackspace: form.edit { $0.backspace() }
        case .formDelete: form.edit { $0.deleteForward() }
        case .formMove(let move):
            self.move(move, &form, width: width)
        case .formCancel:
            if form.hasTypedText && !form.discardArmed {
                form.discardArmed = true
                return nil
            }
            state.noticeForm = nil
            endAction(&state)
        default: break
        }
        return nil
    }

    private func move(_ move: FormMove, _ form: inout NoticeForm, width: Int) {
        if form.field == .type {
            switch move {
            case .left: form.cycleType(-1, store: store, now: store.now)
            case .right: form.cycleType(1, store: store, now: store.now)
            case .up: form.field = Self.field(form.field, -1)
            case .down: form.field = Self.field(form.field, 1)
            case .home, .end: break
            }
            return
        }
        switch move {
        case .left: form.edit { $0.moveLeft() }
        case .right: form.edit { $0.moveRight() }
        case .home, .end: form.edit { $0.moveToRowEdge(end: move == .end, width: width) }
        case .up, .down:
            let delta = move == .up ? -1 : 1
            // Rows of the body first; past its first or last row, the field above or below.
            var moved = false
            if form.field == .body { form.edit { moved = $0.moveVertically(delta, width: width) } }
            if !moved { form.field = Self.field(form.field, delta) }
        }
    }

    /// The field `delta` away, wrapping round.
    static func field(_ f: NoticeForm.Field, _ delta: Int) -> NoticeForm.Field {
        let all = NoticeForm.Field.allCases
        return all[((f.rawValue + delta) % all.count + all.count) % all.count]
    }
}
