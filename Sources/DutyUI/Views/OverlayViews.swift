import DutyCore

/// Full-body views over the panes: an item's detail with its whole timeline,
/// and the help generated from the key registry.
enum OverlayViews {
    /// Detail of one item: its current fields, then every snapshot (time,
    /// status, who, note), oldest first.
    static func drawDetail(_ target: DetailTarget, _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        guard let kind = PaneRows.kind(of: target.pane) else { return }
        let store = ctx.store
        let item = store.item(kind, at: target.item)
        let lang = ctx.language
        let inner = grid.drawBox(rect, title: "\(kind.label.text(lang)) \(item.id)", focused: true)
        var lines: [(String, Role)] = []
        for (name, value) in fields(item.current, lang) where !value.isEmpty {
            lines.append(("\(name)：\(value)", .text))
        }
        lines.append(("", .text))
        lines.append(("── \(ctx.label("timeline")) (\(item.history.count)) ──", .title))
        for s in item.history {
            var line = DisplayFormat.dayClock(s.ts) + "  " + statusLabel(s, lang)
            if let by = s.by { line += "  " + by }
            if let note = s.note { line += "  " + note }
            lines.append((line, .text))
        }
        let visible = max(0, inner.height)
        let maxScroll = max(0, lines.count - visible)
        let top = min(ctx.state.overlayScroll, maxScroll)
        for (i, line) in lines.dropFirst(top).prefix(visible).enumerated() {
            grid.put(text: line.0, x: inner.x + 1, y: inner.y + i, width: inner.width - 1, style: Style(line.1))
        }
    }

    static func statusLabel(_ s: Snapshot, _ lang: Language) -> String {
        switch s.body {
        case .event(let e): e.status.label.text(lang)
        case .task(let t): t.status.label.text(lang)
        case .mediation(let m): m.tier.label.text(lang) + "·" + m.status.label.text(lang)
        case .alert(let a): (OperatorActions.snoozeEnd(of: s).map { AlertStanding.snoozedLabel(until: $0) } ?? a.status.label).text(lang)
        }
    }

    /// The fields worth showing for a snapshot, labelled.
    static func fields(_ s: Snapshot, _ lang: Language) -> [(String, String)] {
        func c(_ key: String) -> String { ConsoleLabels.of("col", key).text(lang) }
        var out: [(String, String)] = []
        switch s.body {
        case .event(let e):
            out = [(c("title"), e.title), (c("priority"), DisplayFormat.priority(e.priority) + " " + Labels.of("event.priority", String(e.priority)).text(lang)),
                   (c("status"), e.status.label.text(lang)), (c("town"), e.town), (c("grid"), e.grid),
                   (c("domain"), e.domain), (Labels.of("event", "source").text(lang), e.source.label.text(lang)),
                   (c("note"), e.detail ?? ""), (c("by"), e.reporter ?? "")]
        case .task(let t):
            out = [(c("unit"), t.unit), (c("town"), t.town), (c("status"), t.status.label.text(lang)),
                   (c("type"), t.type.label.text(lang)), (c("due"), Timestamp.format(t.due, offsetMinutes: t.dueOffsetMinutes)),
                   (c("event"), t.event ?? ""), (c("outcome"), t.outcome?.label.text(lang) ?? ""), (c("reason"), t.reason ?? "")]
        case .mediation(let m):
            out = [(c("town"), m.town + (m.village.map { " " + $0 } ?? "")), (c("category"), m.category),
                   (c("tier"), m.tier.label.text(lang)), (c("status"), m.status.label.text(lang))]
        case .alert(let a):
            out = [(c("title"), a.title), (c("level"), DisplayFormat.level(a.level) + a.level.label.text(lang)),
                   (c("type"), Labels.of("alert.type", a.type).text(lang)), (c("status"), statusLabel(s, lang)),
                   (c("event"), a.ref ?? "")]
        }
        return out
    }

    /// A document (the handover summary), scrolled with the detail keys.
    static func drawDocument(title: String, lines: [String], _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let inner = grid.drawBox(rect, title: title, focused: true)
        let top = min(ctx.state.overlayScroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            let role: Role = line.hasPrefix("#") ? .title : .text
            grid.put(text: line, x: inner.x + 1, y: inner.y + i, width: inner.width - 1, style: Style(role))
        }
    }

    /// Help: every binding, grouped by mode, from the key registry itself.
    static func drawHelp(_ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let lang = ctx.language
        let inner = grid.drawBox(rect, title: ctx.label("help"), focused: true)
        var lines: [(String, Role)] = []
        let groups: [(ModeScope, Label)] = [
            (.main, ConsoleLabels.of("ui", "title")), (.detail, ConsoleLabels.of("ui", "timeline")),
            (.filterInput, ConsoleLabels.of("ui", "filter")),
        ]
        for (scope, title) in groups {
            lines.append(("── \(title.text(lang)) ──", .title))
            for b in KeyRegistry.help(for: scope) {
                lines.append((TextFit.pad(KeyRegistry.display(b), to: 14) + b.label.text(lang), .text))
            }
            lines.append(("", .text))
        }
        lines.append(("/ 超期 退回 未确认 待处置 · overdue returned unacked open · town:锦屏 domain:市容 p:1 status:open …", .dim))
        let top = min(ctx.state.overlayScroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            grid.put(text: line.0, x: inner.x + 1, y: inner.y + i, width: inner.width - 1, style: Style(line.1))
        }
    }
}
