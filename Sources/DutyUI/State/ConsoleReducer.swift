import DutyCore

/// Applies commands to the state. Needs the store and the layout for bounds
/// (how many rows a pane has, how many fit on screen).
public struct ConsoleReducer {
    public let store: Store
    public let paneRows: PaneRows
    public let themeCount: Int
    /// Task time limits, for the due time a dispatch's chooser names.
    public let limits: TaskTimeLimits
    /// The rows of the list shown in `.list` (cached across calls by the owner).
    public let listRows: ItemListRows
    /// The feed health the header shows (its width moves the figures a click lands on).
    public let feeds: FeedStatus?
    /// The console's badge: a replay's bar takes room from the header's figures.
    public let badge: ConsoleBadge
    /// The situation board's figures (cached across calls by the owner): its row order.
    public let board: BoardFigureCache

    public init(store: Store, paneRows: PaneRows, themeCount: Int, limits: TaskTimeLimits = .standard,
                listRows: ItemListRows = ItemListRows(), feeds: FeedStatus? = nil, badge: ConsoleBadge = .live,
                board: BoardFigureCache = BoardFigureCache()) {
        self.store = store; self.paneRows = paneRows; self.themeCount = themeCount; self.limits = limits
        self.listRows = listRows; self.feeds = feeds; self.badge = badge
        self.board = board
    }

    /// Rows visible in a pane at this layout (0 when collapsed).
    static func visibleRows(_ pane: Pane, _ layout: ScreenLayout?) -> Int {
        guard let frame = layout?.frame(pane) else { return 10 }
        let h = frame.content.height - (pane == .mediation ? MediationPaneView.summaryRows(frame.content.height) : 0)
        return max(1, h > 2 ? h - 1 : h)   // one line of column titles when there is room
    }

    /// The pane focus lands on: the alerts pane's tab shown.
    static func tab(_ pane: Pane, _ state: ConsoleState) -> Pane {
        pane == .alerts && state.showsDocuments ? .documents : pane
    }

    /// Applies one command; returns what the session must then carry out
    /// (nil: nothing beyond the state).
    public func apply(_ command: Command, to state: inout ConsoleState, layout: ScreenLayout?) -> ConsoleEffect? {
        state.status = nil
        if applyBoard(command, &state, layout: layout) { return nil }   // the situation board's keys
        let pane = state.focus
        let rows = paneRows.count(pane, store: store, filter: state.filter(pane))
        let page = Self.visibleRows(pane, layout)
        switch command {
        case .focusNext: state.focus = Self.tab(pane.next, state)
        case .focusPrevious: state.focus = Self.tab(pane.previous, state)
        case .focus(let p): state.focus = Self.tab(p, state)
        case .switchTab:
            state.showsDocuments = pane != .documents
            state.focus = state.showsDocuments ? .documents : .alerts
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            if case .main = state.mode {
                move(command, &state, rows: rows, page: page)
            } else if case .list(let list) = state.mode {
                moveList(command, list, &state, page: listPage(layout))
            } else {
                moveOverlay(command, &state, page: page)
            }
        case .scroll(let delta):
            if case .main = state.mode {
                move(delta > 0 ? .moveDown : .moveUp, &state, rows: rows, page: page, times: abs(delta))
            } else if case .list(let list) = state.mode {
                moveList(delta > 0 ? .moveDown : .moveUp, list, &state, page: listPage(layout), times: abs(delta))
            } else {
                state.overlayScroll = max(0, state.overlayScroll + delta)
            }
        case .open where { if case .list = state.mode { true } else { false } }():
            if case .list(let list) = state.mode, let target = state.listTarget {
                openIncident(DetailTarget(kind: target.kind, item: target.item), &state)
                state.listReturn = list
            }
        case .open:
            if case .detail(let target) = state.mode {
                enterLinked(from: target, &state)
                break
            }
            let selected = state.selection[pane.rawValue]
            if let item = paneRows.items(pane, store: store, filter: state.filter(pane), from: selected, limit: 1).first {
                openIncident(DetailTarget(pane: pane, item: item), &state)
            }
        case .back:
            goBack(&state)
        case .openList(let list):
            openList(list, &state)
        case .startFilter:
            state.mode = .filterInput
            state.filterDraft = state.filter(pane)?.text ?? ""
        case .filterInput(let text):
            state.filterDraft += text
            preview(&state)
        case .filterBackspace:
            if !state.filterDraft.isEmpty { state.filterDraft.removeLast() }
            preview(&state)
        case .filterCommit:
            state.mode = .main
            preview(&state)
        case .clearFilter:
            state.filters[pane.rawValue] = nil
            state.filterDraft = ""
            state.mode = .main
            state.selection[pane.rawValue] = 0
            state.scroll[pane.rawValue] = 0
            state.anchors[pane.rawValue] = nil
        case .help:
            if case .detail(let target) = state.mode { pushDetail(target, &state) }
            state.mode = .help
            state.overlayScroll = 0
        case .cycleTheme:
            state.themeIndex = (state.themeIndex + 1) % max(1, themeCount)
        case .toggleLanguage:
            state.language = state.language == .zh ? .en : .zh
        case .quit:
            return .quit
        case .click(let x, let y):
            click(x: x, y: y, &state, layout: layout)
        case .action(let kind):
            return startAction(kind, &state)
        case .choose(let delta):
            if var c = state.chooser, !c.options.isEmpty {
                c.selected = max(0, min(c.options.count - 1, c.selected + delta))
                state.chooser = c
            }
        case .cycleOption:
            if var c = state.chooser, !c.cycle.isEmpty {
                c.cycleIndex = (c.cycleIndex + 1) % c.cycle.count
                state.chooser = c
            }
        case .confirm:
            if case .choosing = state.mode, let c = state.chooser {
                state.chooser = nil
                return ask(c.chosen, &state)
            } else if case .confirming = state.mode, let request = state.pendingConfirmation {
                state.pendingConfirmation = nil
                endAction(&state)
                return .perform(request)
            }
        case .retryJournal:
            return .retryJournal
        case .replayPause:
            return .replay(.pause)
        case .replaySpeed(let step):
            return .replay(.speed(step))
        case .replaySeek(let ms):
            return .replay(.seek(ms))
        case .replayRestart:
            return .replay(.restart)
        case .promptInput(let text):
            state.textPrompt?.type(text)
        case .promptBackspace:
            state.textPrompt?.erase()
        case .promptCommit:
            return commitPrompt(&state)
        case .promptCancel:
            state.textPrompt = nil
            state.mode = .main
        case .pasting(let on):
            state.pasting = on
        case .formField, .formInput, .formEnter, .formIssue, .formBackspace, .formDelete, .formMove, .formCancel:
            return applyForm(command, &state, layout: layout)
        case .cancel:
            state.chooser = nil
            state.pendingConfirmation = nil
            endAction(&state)
        case .toggleBoard, .boardSortNext, .boardSortFlip:
            break   // taken by `applyBoard` first
        }
        return nil
    }

    /// Starts an action on the selected row: refused at once, with the
    /// core's reason, when the row's state does not allow it (before any
    /// chooser or y/n: no choice is asked for in vain); else a chooser when
    /// it needs a choice, a y/n when it is destructive or bulk, else straight
    /// to the session. The journal checks again under its lock, since another
    /// console may change the item meanwhile.
    private func startAction(_ kind: ActionKind, _ state: inout ConsoleState) -> ConsoleEffect? {
        // Actions act on what is shown: a pane's row, a list's row, an
        // incident's linked item; never from a document or the help.
        switch state.mode {
        case .main, .list, .detail: break
        default: return nil
        }
        if kind == .handover { return startHandover(&state) }
        if kind == .issueNotice {
            let (type, about) = noticeStart(state)
            return openNoticeForm(type, about: about, &state)
        }
        let request: ActionRequest
        switch RowActions(store: store, paneRows: paneRows).request(kind, state) {
        case .success(let r): request = r
        case .failure(let missing):
            let key = missing == .wrongPane ? "wrong_pane" : "no_selection"
            state.status = ConsoleLabels.of("ui", key).text(state.language)
            return nil
        }
        // 催办 on a task the ladder has brought to a document: the document's dialog instead.
        if kind == .urge, let target = request.item, let task = store.index(.task, id: target.id),
           let type = proposal(forTask: task) {
            return openNoticeForm(type, about: ItemRef(.task, task), &state)
        }
        if let refusal = request.refusal(in: store) {
            state.status = ActionStatusLine.text(.refused(refusal), of: kind, state.language)
            return nil
        }
        if kind == .replyNotice || kind == .withdrawNotice {
            // The reply or the reason is typed in the footer; who replied: the first addressee.
            var prompt = TextPrompt(field: kind == .replyNotice ? .noticeReply : .withdrawReason)
            prompt.request = request
            if let item = request.item, case .notice(let n)? = store.item(.notice, id: item.id)?.current.body {
                prompt.successor = n.to.first ?? ""
            }
            state.textPrompt = prompt
            state.mode = .textInput
            return nil
        }
        switch state.mode {
        case .list, .detail: state.actionReturn = state.mode
        default: break
        }
        if let chooser = ActionMenus.chooser(for: request, store: store, language: state.language, limits: limits) {
            state.chooser = chooser
            state.mode = .choosing
            return nil
        }
        return ask(request, &state)
    }

    /// Asks y/n for destructive and bulk actions; hands the rest on.
    private func ask(_ request: ActionRequest, _ state: inout ConsoleState) -> ConsoleEffect? {
        if request.kind.needsConfirmation {
            state.pendingConfirmation = request
            state.mode = .confirming
            return nil
        }
        endAction(&state)
        return .perform(request)
    }

    /// Back to where the action started: the panes, or the list or the
    /// incident it was taken from (which then shows its effect).
    func endAction(_ state: inout ConsoleState) {
        guard let back = state.actionReturn else { state.mode = .main; return }
        state.actionReturn = nil
        state.mode = back
        if case .list(let list) = back { retarget(list, &state) }
    }

    /// Filters as the operator types, so the pane narrows with each key.
    private func preview(_ state: inout ConsoleState) {
        let p = state.focus.rawValue
        state.filters[p] = state.filterDraft.isEmpty ? nil : PaneFilter(state.filterDraft)
        state.selection[p] = 0
        state.scroll[p] = 0
        state.anchors[p] = nil
    }

    private func move(_ command: Command, _ state: inout ConsoleState, rows: Int, page: Int, times: Int = 1) {
        let p = state.focus.rawValue
        let sel = ListCursor.select(command, from: state.selection[p], rows: rows, page: page, times: times)
        state.selection[p] = sel
        state.anchors[p] = paneRows.items(state.focus, store: store, filter: state.filter(state.focus), from: sel, limit: 1).first
        state.scroll[p] = ListCursor.top(showing: sel, visible: page, from: state.scroll[p])
    }

    private func moveOverlay(_ command: Command, _ state: inout ConsoleState, page: Int) {
        if case .detail(let target) = state.mode, command == .moveDown || command == .moveUp {
            moveLink(command == .moveDown ? 1 : -1, in: target, &state)
            return
        }
        switch command {
        case .moveDown: state.overlayScroll += 1
        case .moveUp: state.overlayScroll -= 1
        case .pageDown: state.overlayScroll += page
        case .pageUp: state.overlayScroll -= page
        case .top: state.overlayScroll = 0
        case .bottom: state.overlayScroll = Int.max / 2
        default: break
        }
        state.overlayScroll = max(0, state.overlayScroll)
    }

    private func click(x: Int, y: Int, _ state: inout ConsoleState, layout: ScreenLayout?) {
        if let layout, y == layout.header.y + 1, layout.header.height >= 2 {
            // A header figure opens the list it counts, where its key (F2–F7)
            // would: not over a half-made action, a prompt or a filter.
            guard ModeScope(state.mode) == .main || ModeScope(state.mode) == .list else { return }
            if let figure = HeaderFigures.figure(atX: x, store: store, language: state.language, width: layout.header.width, feeds: feeds,
                                                 leave: HeaderFigures.leave(for: badge)) {
                openList(.figure(figure), &state)
            }
            return
        }
        guard case .main = state.mode, let layout, let pane = layout.pane(atX: x, y: y) else { return }
        state.focus = pane
        let frame = layout.frame(pane)
        let summary = pane == .mediation ? MediationPaneView.summaryRows(frame.content.height) : 0
        let list = frame.content.height - summary
        let row = y - frame.content.y - summary - (list > 2 ? 1 : 0)   // below the bars and column titles
        guard row >= 0 else { return }
        let p = pane.rawValue
        let rows = paneRows.count(pane, store: store, filter: state.filter(pane))
        state.selection[p] = max(0, min(state.scroll[p] + row, rows - 1))
        state.anchors[p] = paneRows.items(pane, store: store, filter: state.filter(pane), from: state.selection[p], limit: 1).first
    }

    /// Moves each pane's selection to where its chosen item is now, keeping
    /// it at the same place on screen; an item that left the pane leaves the
    /// selection on its row. Called before drawing when the store changed.
    public func followAnchors(_ state: inout ConsoleState, layout: ScreenLayout?) {
        for pane in Pane.allCases {
            let p = pane.rawValue
            guard let item = state.anchors[p] else { continue }
            let rows = paneRows.count(pane, store: store, filter: state.filter(pane))
            guard let row = paneRows.row(of: item, pane, store: store, filter: state.filter(pane)) else {
                state.anchors[p] = nil
                state.selection[p] = max(0, min(state.selection[p], rows - 1))
                continue
            }
            let delta = row - state.selection[p]
            state.selection[p] = row
            let page = Self.visibleRows(pane, layout)
            var top = max(0, state.scroll[p] + delta)
            if row < top { top = row }
            if row >= top + page { top = row - page + 1 }
            state.scroll[p] = max(0, top)
        }
    }
}
