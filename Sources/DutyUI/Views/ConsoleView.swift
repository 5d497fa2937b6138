import DutyCore

/// Renders a whole frame: layout, header, the four panes (or a detail or
/// help view over them), footer. A pure function of the store, the state and
/// the size, so every frame can be tested as text.
public struct ConsoleView {
    public let store: Store
    public let paneRows: PaneRows
    public var badge: ConsoleBadge
    public var feeds: FeedStatus?
    /// The rows of the list shown in `.list` (the session's, so cached).
    public var listRows: ItemListRows
    /// The situation board's figures (the session's, so computed about once a second).
    public var board: BoardFigureCache

    public init(store: Store, paneRows: PaneRows, badge: ConsoleBadge, feeds: FeedStatus? = nil,
                listRows: ItemListRows = ItemListRows(), board: BoardFigureCache = BoardFigureCache()) {
        self.store = store; self.paneRows = paneRows; self.badge = badge; self.feeds = feeds; self.listRows = listRows
        self.board = board
    }

    /// The layout at a size, for the reducer (page sizes, clicks). Pass the
    /// view's `demand` so that it matches the frame drawn.
    public static func layout(width: Int, height: Int, state: ConsoleState, demand: PaneDemand? = nil) -> ScreenLayout? {
        if case .screen(let s) = Layout.compute(width: width, height: height, focus: state.focus, demand: demand) { return s }
        return nil
    }

    /// The layout of the frame this view draws: panes sized by their content.
    public func layout(width: Int, height: Int, state: ConsoleState) -> ScreenLayout? {
        Self.layout(width: width, height: height, state: state, demand: demand(state))
    }

    /// Rows each pane's content fills: its rows (after the filter) and
    /// column titles; the mediation pane's bars above its list. An empty list
    /// still shows a line saying so.
    public func demand(_ state: ConsoleState) -> PaneDemand {
        func list(_ pane: Pane) -> Int { 1 + max(1, paneRows.count(pane, store: store, filter: state.filter(pane))) }
        return PaneDemand(events: list(.events), tasks: list(.tasks),
                          mediation: MediationPaneView.summaryRows(Layout.mediationHeight) + list(.mediation),
                          alerts: list(state.showsDocuments ? .documents : .alerts))
    }

    public func render(_ state: ConsoleState, width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let ctx = PaneContext(store: store, state: state, paneRows: paneRows)
        switch Layout.compute(width: width, height: height, focus: state.focus, demand: demand(state)) {
        case .tooSmall(let need, let have):
            LayoutSketch.drawTooSmall(into: &grid, need: need, have: have)
            return grid
        case .screen(let layout):
            HeaderFooterView.drawHeader(ctx, badge: badge, feeds: feeds, into: &grid, rect: layout.header)
            let body = Rect(x: 0, y: layout.header.maxY, width: width, height: layout.footer.y - layout.header.maxY)
            switch state.mode {
            case .detail(let target):
                OverlayViews.drawDetail(target, ctx, into: &grid, rect: body)
            case .help:
                OverlayViews.drawHelp(ctx, into: &grid, rect: body)
            case .list(let list):
                ItemListView.draw(list, rows: listRows.rows(list, store: store), ctx, into: &grid, rect: body)
            case .document:
                if let doc = state.document {
                    OverlayViews.drawDocument(title: doc.title, lines: doc.lines, ctx, into: &grid, rect: body)
                }
            case .main, .filterInput, .confirming:
                for frame in layout.panes { drawPane(frame, ctx, into: &grid) }
            case .textInput:
                for frame in layout.panes { drawPane(frame, ctx, into: &grid) }
            case .board:
                BoardView.draw(board.figures(store), state, into: &grid, body: body)
            case .composing:
                for frame in layout.panes { drawPane(frame, ctx, into: &grid) }
                if let form = state.noticeForm { NoticeFormView.draw(form, ctx, store: store, into: &grid, body: body) }
            case .choosing:
                for frame in layout.panes { drawPane(frame, ctx, into: &grid) }
                if let chooser = state.chooser { drawChooser(chooser, ctx, into: &grid, body: body) }
            }
            HeaderFooterView.drawFooter(state, question: question(state), allows: footerAllows(state),
                                        into: &grid, rect: layout.footer)
            return grid
        }
    }

    /// The y/n being asked, naming the item and the effect.
    private func question(_ state: ConsoleState) -> String? {
        guard case .confirming = state.mode, let request = state.pendingConfirmation else { return nil }
        return ActionDialog.question(request, store: store, state.language)
    }

    /// Which footer bindings apply: in the panes, only the actions the
    /// selected row's state allows; in a chooser, Tab only when it cycles
    /// (a dispatch's task type).
    private func footerAllows(_ state: ConsoleState) -> (Command) -> Bool {
        switch state.mode {
        case .document:
            // A document is read, not acted on: no action or link keys.
            return { command in
                if case .action = command { return false }
                return command != .open
            }
        case .main, .list, .detail:
            let allowed = RowActions(store: store, paneRows: paneRows).allowed(state)
            return { command in
                guard case .action(let kind) = command, kind.pane != nil else { return true }
                return allowed.contains(kind)
            }
        case .choosing:
            let cycles = state.chooser.map { !$0.cycle.isEmpty } ?? false
            return { $0 != .cycleOption || cycles }
        default:
            return { _ in true }
        }
    }

    /// The chooser as a box over the middle of the panes.
    private func drawChooser(_ c: ActionChooser, _ ctx: PaneContext, into grid: inout CellGrid, body: Rect) {
        let width = min(body.width - 4, 76)   // room for a dispatch's title: event → unit · due
        let height = min(body.height - 2, c.options.count + (c.cycle.isEmpty ? 2 : 4))
        guard width > 10, height > 3 else { return }
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        grid.fill(rect, style: Style(.background))
        let inner = grid.drawBox(rect, title: ActionDialog.title(c, store: store, ctx.language), focused: true)
        var y = inner.y
        if !c.cycle.isEmpty {
            let type = ConsoleLabels.of("key", "task_type").text(ctx.language) + "：" + c.cycle[c.cycleIndex].label + "  (Tab)"
            grid.put(text: type, x: inner.x + 1, y: y, width: inner.width - 1, style: Style(.title))
            y += 2
        }
        let visible = max(1, inner.maxY - y)
        let top = max(0, min(c.selected - visible + 1, c.options.count - visible))
        for (i, option) in c.options.enumerated().dropFirst(top).prefix(visible) {
            let selected = i == c.selected
            let style = Style(.text).selecting(selected)
            grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            let detailWidth = min(TextFit.width(option.detail), inner.width / 3)
            grid.put(text: option.label, x: inner.x + 1, y: y, width: inner.width - detailWidth - 3, style: style)
            if detailWidth > 0 {
                grid.putAligned(text: option.detail, x: inner.maxX - detailWidth - 1, y: y, width: detailWidth,
                                alignment: .right, style: Style(.dim).selecting(selected))
            }
            y += 1
        }
    }

    private func drawPane(_ frame: PaneFrame, _ ctx: PaneContext, into grid: inout CellGrid) {
        let pane = frame.pane == .alerts && ctx.state.showsDocuments ? Pane.documents : frame.pane
        let lang = ctx.language
        let count = paneRows.count(pane, store: store, filter: ctx.state.filter(pane))
        var badge = "\(pane.number) · \(count)"
        if let f = ctx.state.filter(pane) { badge += " · /" + f.text }
        let title = frame.pane == .alerts ? Self.tabTitle(pane, lang) : pane.title(lang)
        if frame.presentation == .titleOnly {
            grid.drawTitledRule(frame.rect, title: title, badge: badge, focused: frame.isFocused)
            return
        }
        grid.drawBox(frame.rect, title: title, badge: badge, focused: frame.isFocused)
        let content = frame.content
        if pane == .mediation {
            MediationPaneView.draw(ctx, into: &grid, rect: content)
        } else {
            // With no feed file followed, the events pane says why it is empty.
            let waiting = pane == .events ? feeds?.waiting.map {
                FeedWaitText.text($0, pollMillis: feeds?.pollMillis ?? 500, lang)
            } : nil
            ListPaneView.draw(pane, ctx, into: &grid, rect: content, empty: waiting)
        }
    }

    /// "告警 | •文书": the alerts pane's two tabs, the shown one marked.
    static func tabTitle(_ shown: Pane, _ lang: Language) -> String {
        [Pane.alerts, .documents].map { ($0 == shown ? "•" : "") + $0.title(lang) }.joined(separator: " | ")
    }
}
