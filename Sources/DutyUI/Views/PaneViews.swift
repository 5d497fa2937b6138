import DutyCore

/// What every pane view needs to draw: the store, the state, the language.
public struct PaneContext {
    public let store: Store
    public let state: ConsoleState
    public let paneRows: PaneRows
    public var language: Language { state.language }
    public var now: Millis { store.now }

    func label(_ key: String) -> String { ConsoleLabels.of("ui", key).text(language) }
    func column(_ key: String) -> String { ConsoleLabels.of("col", key).text(language) }
}

/// The lists of the events, tasks and alerts panes: columns, and one row per
/// visible item, read from the store's indexes for the visible window only.
enum ListPaneView {
    /// Columns in the order of the pane's column enum. `ctx.column` is
    /// called directly: a partial application (`let c = ctx.column`) held by
    /// the closures would copy the context, retains and all, every frame.
    static func table(_ pane: Pane, _ ctx: PaneContext) -> Table {
        let lang = ctx.language
        let zh = lang == .zh
        // Times are 5 wide today and 11 with a date; ids and grid codes are
        // whole before towns and domains grow; the title takes the rest.
        let time = ColumnWidth.content(min: 5, max: 11, priority: 0)
        let town = ColumnWidth.content(min: 4, max: 10, priority: 4)
        // Statuses, tiers and levels are as wide as the widest on screen
        // (labels of one vocabulary: nothing to bound but a runaway value).
        let labelMax = 20
        switch pane {
        case .events:
            return Table(columns: EventColumn.allCases.map {
                switch $0 {
                case .time: TableColumn(ctx.column("time"), time)
                case .priority: TableColumn(ctx.column("priority"), .fixed(2))
                case .town: TableColumn(ctx.column("town"), town, hidePriority: 3)
                case .grid: TableColumn(ctx.column("grid"), .content(min: 8, max: 16, priority: 1), hidePriority: 1)
                case .domain: TableColumn(ctx.column("domain"), .content(min: 4, max: 8, priority: 5), hidePriority: 2)
                case .title: TableColumn(ctx.column("title"), .flexible(min: 8))
                case .status: TableColumn(ctx.column("status"), .content(min: zh ? 8 : 5, max: labelMax, priority: 2))
                case .age: TableColumn(ctx.column("age"), .content(min: 3, max: 7, priority: 3), alignment: .right,
                                       hidePriority: 4)
                }
            })
        case .tasks:
            return Table(columns: TaskColumn.allCases.map {
                switch $0 {
                case .id: TableColumn(ctx.column("id"), .content(min: 16, max: 24, priority: 0), hidePriority: 2)
                case .unit: TableColumn(ctx.column("unit"), .flexible(min: 10))
                case .town: TableColumn(ctx.column("town"), town, hidePriority: 5)
                case .status: TableColumn(ctx.column("status"), .content(min: zh ? 8 : 5, max: labelMax, priority: 3))
                case .due: TableColumn(ctx.column("due"), time, hidePriority: 3)
                case .left: TableColumn(ctx.column("left"), .content(min: 5, max: 14, priority: 1), alignment: .right)
                case .event: TableColumn(ctx.column("event"), .content(min: 16, max: 24, priority: 2), hidePriority: 4)
                }
            })
        case .mediation:
            return Table(columns: MediationColumn.allCases.map {
                switch $0 {
                case .time: TableColumn(ctx.column("time"), time)
                case .town: TableColumn(ctx.column("town"), town, hidePriority: 2)
                case .category: TableColumn(ctx.column("category"), .content(min: 4, max: 10, priority: 5), hidePriority: 3)
                case .tier: TableColumn(ctx.column("tier"), .content(min: zh ? 9 : 5, max: labelMax, priority: 2))
                case .status: TableColumn(ctx.column("status"), .content(min: zh ? 6 : 5, max: labelMax, priority: 3))
                case .id: TableColumn(ctx.column("id"), .content(min: 8, max: 24, priority: 1), hidePriority: 1)
                }
            })
        case .documents:
            return DocumentPaneView.table(ctx)
        case .alerts:
            // The title says most and names the type too: the type column
            // goes before the title is cut.
            return Table(columns: AlertColumn.allCases.map {
                switch $0 {
                case .level: TableColumn(ctx.column("level"), .content(min: 5, max: labelMax, priority: 0))
                case .time: TableColumn(ctx.column("time"), .content(min: 5, max: 11, priority: 1))
                case .type: TableColumn(ctx.column("type"), .content(min: 4, max: 12, priority: 3), hidePriority: 2,
                                        yieldsToTitle: true)
                case .title: TableColumn(ctx.column("title"), .flexible(min: 16))
                case .status: TableColumn(ctx.column("status"), .content(min: zh ? 6 : 3, max: labelMax, priority: 2),
                                          hidePriority: 1)
                }
            })
        }
    }

    /// "!警告", "‼critical": the level's symbol (readable without colour) and word.
    static func levelCell(_ level: AlertLevel, _ lang: Language) -> String {
        DisplayFormat.level(level) + level.label.text(lang)
    }

    /// Draws the pane's table into `rect`; an empty list shows `empty`
    /// (wrapped over the rows) or "（无）".
    static func draw(_ pane: Pane, _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect, empty: String? = nil) {
        guard let kind = PaneRows.kind(of: pane), !rect.isEmpty else { return }
        var table = table(pane, ctx)
        // A pane collapsed to a row or two shows data, not column titles.
        table.showsHeader = rect.height > 2
        let visible = table.bodyRows(height: rect.height)
        let p = pane.rawValue
        let top = ctx.state.scroll[p]
        let items = ctx.paneRows.items(pane, store: ctx.store, filter: ctx.state.filter(pane), from: top, limit: visible)
        let rows = pane == .documents ? items.map { DocumentPaneView.row($0, ctx, width: rect.width) }
                                      : items.map { row(pane, kind, $0, ctx) }
        let selected = ctx.state.focus == pane ? ctx.state.selection[p] - top : nil
        table.draw(rows: rows, into: &grid, rect: rect, selected: selected)
        if items.isEmpty {
            var y = rect.y + (table.showsHeader ? 1 : 0)
            let lines = empty.map { TextFit.wrap($0, to: rect.width - 1) } ?? [ctx.label("empty")]
            for line in lines where y < rect.maxY {
                grid.put(text: line, x: rect.x + 1, y: y, width: rect.width - 1, style: Style(empty == nil ? .dim : .text))
                y += 1
            }
        }
    }

    static func row(_ pane: Pane, _ kind: Kind, _ item: Int32, _ ctx: PaneContext) -> TableRow {
        let s = ctx.store.current(kind, item)
        let t = ctx.store.texts
        let lang = ctx.language
        // Cells in the order of the pane's column enum (PaneColumns.swift);
        // roles keyed by column name. Array and dictionary literals: a frame
        // builds a row per visible item, and a closure per cell cost 0.5%.
        switch pane {
        case .documents:
            return DocumentPaneView.row(item, ctx)
        case .events:
            let first = ctx.store.history(kind, item).first?.ts ?? s.ts
            let e = s.event
            return TableRow([
                DisplayFormat.time(first, now: ctx.now), DisplayFormat.priority(s.priority), t.text(e.town), t.text(e.grid),
                t.text(e.domain), t.text(e.title), s.eventStatus.label.text(lang), DisplayFormat.duration(ctx.now - first),
            ], cellRoles: [EventColumn.priority.rawValue: .priority(s.priority),
                           EventColumn.status.rawValue: .eventStatus(s.eventStatus)])
        case .tasks:
            let task = s.task
            let returned = s.taskStatus == .returned
            let left = s.due - ctx.now
            let overdue = left < 0 && !returned
            // A returned task (awaiting re-dispatch) says why and since when, not its old due.
            let due = returned ? Labels.of("reason", t.text(task.reason)).text(lang) + " " + DisplayFormat.duration(ctx.now - s.ts)
                : overdue ? ctx.label("late").replacingAll("{d}", with: DisplayFormat.duration(-left))
                : DisplayFormat.duration(left)
            let soon = !overdue && !returned && left < TimeSpan.hour
            return TableRow([
                ctx.store.id(kind, item), t.text(task.unit), t.text(task.town), s.taskStatus.label.text(lang),
                DisplayFormat.time(s.due, now: ctx.now), due, t.text(task.event),
            ], cellRoles: [TaskColumn.status.rawValue: .taskStatus(s.taskStatus),
                           TaskColumn.left.rawValue: overdue ? .taskOverdue : soon ? .taskDueSoon : .text])
        case .mediation:
            let m = s.mediation
            return TableRow([
                DisplayFormat.time(ctx.store.firstTs(kind, item), now: ctx.now), t.text(m.town), t.text(m.category),
                s.tier.label.text(lang), s.mediationStatus.label.text(lang), ctx.store.id(kind, item),
            ])
        case .alerts:
            let acked = s.alertStatus == .acked
            let level = s.level
            let a = s.alert
            return TableRow([
                levelCell(level, lang), DisplayFormat.time(s.ts, now: ctx.now),
                Labels.of("alert.type", t.text(a.type)).text(lang), t.text(a.title),
                AlertStanding.statusLabel(s, ctx.store, now: ctx.now).text(lang),
            ], style: acked ? Style(.alertAcked) : Style(.text),
               cellRoles: acked ? [:] : [AlertColumn.level.rawValue: .alertLevel(level)])
        }
    }
}
