import DutyCore

/// What every pane view needs to draw: the store, the state, the language.
public struct PaneContext {
    public let store: Store
    public let state: ConsoleState
    public let paneRows: PaneRows
    public var language: Language { state.language }
    public var now: Millis { store.now }

    func label(_ key: String) -> String { Labels.of("ui", key).text(language) }
    func column(_ key: String) -> String { Labels.of("col", key).text(language) }
}

/// The lists of the events, tasks and alerts panes: columns, and one row per
/// visible item, read from the store's indexes for the visible window only.
enum ListPaneView {
    static func table(_ pane: Pane, _ ctx: PaneContext) -> Table {
        let c = ctx.column
        switch pane {
        case .events:
            return Table(columns: [
                TableColumn(c("time"), .fixed(5)),
                TableColumn(c("priority"), .fixed(2)),
                TableColumn(c("town"), .fixed(10), hidePriority: 3),
                TableColumn(c("grid"), .fixed(8), hidePriority: 1),
                TableColumn(c("domain"), .fixed(8), hidePriority: 2),
                TableColumn(c("title"), .flexible(min: 8)),
                TableColumn(c("status"), .fixed(ctx.language == .en ? 10 : 8)),
                TableColumn(c("age"), .fixed(5), alignment: .right, hidePriority: 4),
            ])
        case .tasks:
            return Table(columns: [
                TableColumn(c("id"), .fixed(16), hidePriority: 2),
                TableColumn(c("unit"), .flexible(min: 10)),
                TableColumn(c("town"), .fixed(8), hidePriority: 3),
                TableColumn(c("status"), .fixed(8)),
                TableColumn(c("due"), .fixed(10), alignment: .right),
                TableColumn(c("event"), .fixed(16), hidePriority: 1),
            ])
        case .mediation:
            return Table(columns: [
                TableColumn(c("time"), .fixed(5)),
                TableColumn(c("town"), .fixed(10), hidePriority: 2),
                TableColumn(c("category"), .fixed(8)),
                TableColumn(c("tier"), .fixed(9)),
                TableColumn(c("status"), .fixed(6)),
                TableColumn(c("id"), .flexible(min: 8), hidePriority: 1),
            ])
        case .alerts:
            return Table(columns: [
                TableColumn(c("level"), .fixed(6)),
                TableColumn(c("time"), .fixed(5)),
                TableColumn(c("type"), .fixed(10), hidePriority: 2),
                TableColumn(c("title"), .flexible(min: 8)),
                TableColumn(c("status"), .fixed(6), hidePriority: 1),
            ])
        }
    }

    /// Draws the pane's table into `rect`.
    static func draw(_ pane: Pane, _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        guard let kind = PaneRows.kind(of: pane), !rect.isEmpty else { return }
        var table = table(pane, ctx)
        // A pane collapsed to a row or two shows data, not column titles.
        table.showsHeader = rect.height > 2
        let visible = table.bodyRows(height: rect.height)
        let p = pane.rawValue
        let top = ctx.state.scroll[p]
        let items = ctx.paneRows.items(pane, store: ctx.store, filter: ctx.state.filter(pane), from: top, limit: visible)
        let rows = items.map { row(pane, kind, $0, ctx) }
        let selected = ctx.state.focus == pane ? ctx.state.selection[p] - top : nil
        table.draw(rows: rows, into: &grid, rect: rect, selected: selected)
        if items.isEmpty {
            let y = rect.y + (table.showsHeader ? 1 : 0)
            if y < rect.maxY { grid.put(text: ctx.label("empty"), x: rect.x + 1, y: y, width: rect.width - 1, style: Style(.dim)) }
        }
    }

    static func row(_ pane: Pane, _ kind: Kind, _ item: Int32, _ ctx: PaneContext) -> TableRow {
        let s = ctx.store.current(kind, item)
        let t = ctx.store.texts
        let lang = ctx.language
        switch pane {
        case .events:
            let first = ctx.store.history(kind, item).first?.ts ?? s.ts
            return TableRow([
                DisplayFormat.clock(first), DisplayFormat.priority(s.priority), t.text(s.t1), t.text(s.t2),
                t.text(s.t3), t.text(s.t4), s.eventStatus.label.text(lang), DisplayFormat.duration(ctx.now - first),
            ], cellRoles: [1: .priority(s.priority), 6: .eventStatus(s.eventStatus)])
        case .tasks:
            let left = s.due - ctx.now
            let overdue = left < 0
            let due = overdue ? "⚠" + ctx.label("overdue_by") + DisplayFormat.duration(-left)
                              : DisplayFormat.duration(left)
            let soon = !overdue && left < 3_600_000
            return TableRow([
                ctx.store.id(kind, item), t.text(s.t2), t.text(s.t1), s.taskStatus.label.text(lang), due,
                t.text(s.t3),
            ], cellRoles: [3: .taskStatus(s.taskStatus), 4: overdue ? .taskOverdue : soon ? .taskDueSoon : .text])
        case .mediation:
            return TableRow([
                DisplayFormat.clock(ctx.store.firstTs(kind, item)), t.text(s.t1), t.text(s.t2),
                s.tier.label.text(lang), s.mediationStatus.label.text(lang), ctx.store.id(kind, item),
            ])
        case .alerts:
            let acked = s.alertStatus == .acked
            let level = s.level
            return TableRow([
                DisplayFormat.level(level) + level.label.text(lang), DisplayFormat.clock(s.ts),
                Labels.of("alert.type", t.text(s.t1)).text(lang), t.text(s.t2), s.alertStatus.label.text(lang),
            ], style: acked ? Style(.alertAcked) : Style(.text),
               cellRoles: acked ? [:] : [0: .alertLevel(level)])
        }
    }
}
