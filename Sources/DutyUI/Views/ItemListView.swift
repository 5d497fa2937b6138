import DutyCore

/// A list across panes over the body: a header figure's items or the
/// needs-action queue. One row per item: its kind, id, what it is, its
/// status, and a time that says why it is there (how late, since when).
enum ItemListView {
    static func draw(_ list: ItemList, rows: [ItemListRow], _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let lang = ctx.language
        let inner = grid.drawBox(rect, title: list.title(lang), badge: "\(rows.count)", focused: true)
        guard inner.height > 0 else { return }
        let table = Table(columns: [
            TableColumn(ctx.column("kind"), .fitting(Kind.allCases.map { kindLabel($0, lang) }, minimum: 4)),
            TableColumn(ctx.column("id"), .flexible(min: 8, weight: 1)),
            TableColumn(ctx.column("title"), .flexible(min: 10, weight: 3)),
            TableColumn(ctx.column("status"), .fixed(lang == .zh ? 8 : 10), hidePriority: 2),
            TableColumn(ctx.column("why"), .flexible(min: 12, weight: 1)),
        ])
        if rows.isEmpty {
            table.draw(rows: [], into: &grid, rect: inner)
            grid.put(text: ctx.label("empty"), x: inner.x + 1, y: inner.y + 1, width: inner.width - 1, style: Style(.dim))
            return
        }
        let visible = table.bodyRows(height: inner.height)
        let top = min(ctx.state.overlayScroll, max(0, rows.count - visible))
        let shown = rows.dropFirst(top).prefix(visible).map { row(list, $0, ctx) }
        let selected = ctx.state.listSelection - top
        table.draw(rows: Array(shown), into: &grid, rect: inner, selected: selected >= 0 && selected < shown.count ? selected : nil)
    }

    static func row(_ list: ItemList, _ r: ItemListRow, _ ctx: PaneContext) -> TableRow {
        let store = ctx.store
        let lang = ctx.language
        let now = ctx.now
        switch r {
        case .badLine(let q):
            return TableRow([ctx.label("bad_line"), Sanitize.path(q.file) + ":\(q.line)", q.error.message, "", ""],
                            style: Style(.error))
        case .item(let ref, let entry):
            let s = store.current(ref.kind, ref.item)
            let t = store.texts
            let what: String
            switch ref.kind {
            case .event: what = t.text(s.event.town) + " " + t.text(s.event.title)
            case .task: what = t.text(s.task.unit) + " · " + t.text(s.task.event)
            case .mediation: what = t.text(s.mediation.town) + " " + t.text(s.mediation.category)
            case .alert: what = t.text(s.alert.title)
            case .notice: what = t.text(s.notice.number) + " " + t.text(s.notice.title)
            }
            var role: Role = .text
            let why: String
            if let entry {
                why = ConsoleLabels.of("ui", entry.why.rawValue).text(lang) + " " + DisplayFormat.duration(entry.late)
                role = entry.priority == 1 ? .error : .text
            } else {
                switch ref.kind {
                case .task where s.taskStatus.isOpen:
                    let left = s.task.due - now
                    why = left < 0 ? ctx.label("overdue_by") + " " + DisplayFormat.duration(-left)
                                   : ctx.label("due_in") + " " + DisplayFormat.duration(left)
                    if left < 0 { role = .taskOverdue }
                default:
                    why = DisplayFormat.time(store.firstTs(ref.kind, ref.item), now: now)
                }
            }
            return TableRow([kindLabel(ref.kind, lang), store.id(ref.kind, ref.item), what,
                             s.statusLabel.text(lang), why], cellRoles: [4: role])
        }
    }

    /// The short name of a kind (事件 任务 调解 告警), as the incident view's links say it.
    static func kindLabel(_ kind: Kind, _ lang: Language) -> String {
        ConsoleLabels.of("ui", "link_" + kind.wire).text(lang)
    }

}
