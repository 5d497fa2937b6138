import DutyCore

/// `Enter` on any item: its incident as a dispatch system shows it. On top,
/// the entered item's current fields; then the incident's linked items (the
/// event, every task dispatched for it, returned ones too, the case, the
/// alerts) with a selection that j/k move and `Enter` enters; below, one
/// timeline of all their snapshots merged by time, scrolled with PgDn/PgUp.
/// Wider screens fit more fields per line and longer lines; taller ones more
/// linked rows and timeline.
enum IncidentView {
    static func draw(_ target: DetailTarget, _ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        let store = ctx.store
        let kind = target.kind
        guard Int(target.item) < store.count(kind) else { return }
        let lang = ctx.language
        let incident = IncidentLinks.incident(of: kind, target.item, in: store)
        let words = IncidentText(store: store, incident: incident, lang: lang, now: ctx.now)
        let root = IncidentMember(kind: kind, index: target.item)
        let title = kind.label.text(lang) + " " + store.id(kind, target.item) + " · " + ctx.label("incident")
        let back = ctx.state.detailStack.last.map { "← " + store.id($0.kind, $0.item) }
        let inner = grid.drawBox(rect, title: title, badge: back, focused: true)
        let x = inner.x + 1, width = inner.width - 1
        guard width > 10, inner.height > 0 else { return }
        var y = inner.y

        // The entered item's fields, as many to a line as fit.
        let fieldRows = packed(words.fields(root), width: width)
        for line in fieldRows.prefix(max(2, inner.height / 5)) {
            grid.put(text: line, x: x, y: y, width: width, style: Style(.text))
            y += 1
        }
        // A document's body, paragraph by paragraph, wrapped to the width.
        let paragraphs = words.body(root)
        if !paragraphs.isEmpty {
            let lines = paragraphs.flatMap { $0.isEmpty ? [""] : TextFit.wrap($0, to: width - 2) }
            let room = max(3, inner.height / 4)
            for (i, line) in lines.prefix(room).enumerated() {
                let shown = i == room - 1 && lines.count > room ? TextFit.truncate(line + "…", to: width - 2) : line
                grid.put(text: "  " + shown, x: x, y: y, width: width, style: Style(.text))
                y += 1
            }
        }
        if incident.eventMissing, let id = incident.eventID {
            grid.put(text: ctx.label("missing_event").replacingAll("{id}", with: id), x: x, y: y, width: width, style: Style(.error))
            y += 1
        } else if let ref = incident.missingRef {
            let shown = IncidentText.ref(ref, lang)
            grid.put(text: ctx.label("missing_ref").replacingAll("{ref}", with: shown), x: x, y: y, width: width, style: Style(.error))
            y += 1
        }

        // The linked items, a window that follows the selection.
        let members = incident.members
        let left = inner.maxY - y
        let linkRows = min(members.count, max(2, (left - 2 - 4) / 2))
        rule(ctx.label("linked") + " (\(members.count))", x: x, y: y, width: width, into: &grid)
        y += 1
        let selected = max(0, min(ctx.state.detailLink, members.count - 1))
        let top = max(0, min(selected - linkRows + 1, members.count - linkRows))
        let idWidth = min(32, members.map { TextFit.width(store.id($0.kind, $0.index)) }.max() ?? 0)
        let kindWidth = Kind.allCases.map { TextFit.width(IncidentText.kindWord($0, lang)) }.max() ?? 0
        let rows = members.enumerated().dropFirst(top).prefix(linkRows).map { ($0.offset, $0.element, words.linkRow($0.element)) }
        let statusWidth = min(16, rows.map { TextFit.width($0.2.status) }.max() ?? 0)
        for (i, m, row) in rows where y < inner.maxY {
            let isSelected = i == selected
            var line = (isSelected ? "▸ " : "  ") + TextFit.pad(IncidentText.kindWord(m.kind, lang), to: kindWidth) + " "
            line += TextFit.pad(store.id(m.kind, m.index), to: idWidth) + "  " + TextFit.pad(row.status, to: statusWidth) + "  " + row.rest
            let role: Role = m == root ? .title : .text
            grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.text).selecting(isSelected))
            grid.put(text: TextFit.truncate(line, to: width), x: x, y: y, width: width, style: Style(role).selecting(isSelected))
            y += 1
        }

        // The merged timeline, scrolled.
        guard y < inner.maxY else { return }
        let timeline = incident.timeline(store)
        rule(ctx.label("timeline") + " (\(timeline.count))", x: x, y: y, width: width, into: &grid)
        y += 1
        let visible = max(0, inner.maxY - y)
        // Ids aligned when there is room; on narrow screens a long line goes
        // on under its text rather than being cut.
        let entryIDWidth = width >= 100 ? idWidth : 0
        let lines = timeline.flatMap { e in
            let own = e.member == root
            let head = DisplayFormat.dayClock(e.snapshot.ts) + (own ? " • " : "   ")
            let id = store.id(e.member.kind, e.member.index)
            let shown = entryIDWidth > 0 ? TextFit.pad(id, to: entryIDWidth) : id
            return wrapped(head, shown + "  " + words.entry(e), width: width)
        }
        let scroll = min(ctx.state.overlayScroll, max(0, lines.count - visible))
        for line in lines.dropFirst(scroll).prefix(visible) {
            grid.put(text: line, x: x, y: y, width: width, style: Style(.text))
            y += 1
        }
    }

    /// `head` then `body` in lines of `width`, broken at spaces where it can,
    /// the later lines indented under the body.
    static func wrapped(_ head: String, _ body: String, width: Int) -> [String] {
        let indent = TextFit.width(head)
        guard TextFit.width(head + body) > width, width > indent + 10 else { return [head + body] }
        let parts = TextFit.wrap(body, to: width - indent)
        return parts.enumerated().map { ($0.offset == 0 ? head : TextFit.spaces(indent)) + $0.element }
    }

    /// "── title ──" across the width.
    private static func rule(_ title: String, x: Int, y: Int, width: Int, into grid: inout CellGrid) {
        let head = "── " + title + " "
        let fill = max(0, width - TextFit.width(head))
        grid.put(text: head + String(repeating: "─", count: fill), x: x, y: y, width: width, style: Style(.title))
    }

    /// Fields joined by two spaces, a new line when the next one does not fit.
    static func packed(_ fields: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for f in fields {
            if line.isEmpty { line = f; continue }
            if TextFit.width(line) + 2 + TextFit.width(f) <= width {
                line += "  " + f
            } else {
                lines.append(line)
                line = f
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
