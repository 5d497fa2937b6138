import DutyCore

/// Full-body views over the panes: an item's incident (drawn by `IncidentView`),
/// and the help generated from the key registry.
enum OverlayViews {
    /// Detail of one item: its incident, linked end to end (`IncidentView`).
    static func drawDetail(_ target: DetailTarget, _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        IncidentView.draw(target, ctx, into: &grid, rect: rect)
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
        var groups: [(ModeScope, Label)] = [
            (.main, ConsoleLabels.of("ui", "title")), (.detail, ConsoleLabels.of("ui", "timeline")),
            (.filterInput, ConsoleLabels.of("ui", "filter")), (.composing, ConsoleLabels.of("ui", "form_title")),
            (.board, ConsoleLabels.of("ui", "board_title")),
        ]
        // Opened from the board: its keys first.
        if ctx.state.board.helpFromBoard, let i = groups.firstIndex(where: { $0.0 == .board }) { groups.insert(groups.remove(at: i), at: 0) }
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
