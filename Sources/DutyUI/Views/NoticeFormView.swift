import DutyCore

/// Draws the issue dialog (`NoticeForm`) over the panes, where
/// `NoticeFormLayout` puts its parts: each field with its label, the body
/// in rows by display width scrolled to the cursor, the number the document
/// is expected to take, and a line for what to mend or "issue?". The cursor
/// is a reversed cell (the width of the character under it).
enum NoticeFormView {
    static func draw(_ form: NoticeForm, _ ctx: PaneContext, store: Store, into grid: inout CellGrid, body: Rect) {
        guard let l = NoticeFormLayout(body: body) else { return }
        let lang = ctx.language
        func ui(_ key: String) -> String { ConsoleLabels.of("ui", key).text(lang) }
        grid.fill(l.box, style: Style(.background))
        grid.drawBox(l.box, title: ui("form_title") + " · " + form.type.label.text(lang), focused: true)
        let labels: [(NoticeForm.Field?, String, Int)] = [
            (.type, "form_type", l.y(.type)), (.to, "form_to", l.y(.to)), (.title, "form_title_field", l.y(.title)),
            (nil, "form_refs", l.refsY), (.body, "form_body", l.y(.body)), (.due, "form_due", l.y(.due)),
            (nil, "form_number", l.numberY),
        ]
        for (field, key, y) in labels {
            let focused = field != nil && field == form.field
            grid.put(text: ui(key), x: l.inner.x + 1, y: y, width: NoticeFormLayout.labelWidth - 1,
                     style: Style(focused ? .focusTitle : .dim, attributes: focused ? .bold : []))
        }
        // 类型: the type between arrows, then how to change it.
        let typeText = "‹ " + form.type.label.text(lang) + " ›"
        let typeWidth = grid.put(text: typeText, x: l.fieldX, y: l.y(.type), width: l.fieldWidth,
                                 style: Style(.text).selecting(form.field == .type))
        grid.put(text: ui("form_type_hint"), x: l.fieldX + typeWidth + 2, y: l.y(.type),
                 width: max(0, l.fieldWidth - typeWidth - 2), style: Style(.dim))
        line(form.to, focused: form.field == .to, hint: ui("form_to_hint"), l, y: l.y(.to), into: &grid)
        line(form.title, focused: form.field == .title, hint: nil, l, y: l.y(.title), into: &grid)
        grid.put(text: form.refs.isEmpty ? "—" : form.refs.joined(separator: " "), x: l.fieldX, y: l.refsY,
                 width: l.fieldWidth, style: Style(.dim))
        bodyRows(form, focused: form.field == .body, l, into: &grid)
        let noReply = form.due.isEmpty ? ui("form_no_reply") + " · " : ""
        line(form.due, focused: form.field == .due, hint: noReply + ui("form_due_hint"), l, y: l.y(.due), into: &grid)
        let expected = NoticeNumbering.next(form.type, now: store.now, in: store).number
        grid.put(text: ui("form_number_hint") + " " + expected, x: l.fieldX, y: l.numberY, width: l.fieldWidth, style: Style(.dim))
        // What the form says: what to mend, "issue?", or "Esc again discards".
        var message: (String, Style)?
        if form.confirming {
            message = (ui("form_confirm"), Style(.error, attributes: .bold))
        } else if form.discardArmed {
            message = (ui("form_discard"), Style(.error, attributes: .bold))
        } else if let problem = form.problem {
            message = (ui(problem.labelKey), Style(.error))
        }
        if let message {
            grid.put(text: message.0, x: l.inner.x + 1, y: l.messageY, width: l.inner.width - 2, style: message.1)
        }
    }

    /// A one-line field: its text from where the cursor stays in view; a dim hint after it.
    private static func line(_ editor: TextEditor, focused: Bool, hint: String?, _ l: NoticeFormLayout, y: Int,
                             into grid: inout CellGrid) {
        let room = l.fieldWidth
        var start = 0
        if focused {
            // Scroll right until the cursor's column is inside the field.
            while start < editor.cursor && editor.columns(start, editor.cursor) > room - 1 { start += 1 }
        }
        let shown = String(editor.characters[start...])
        let used = grid.put(text: shown, x: l.fieldX, y: y, width: room, style: Style(.text))
        if let hint, used + 3 < room {
            grid.put(text: hint, x: l.fieldX + used + 2, y: y, width: room - used - 2, style: Style(.dim))
        }
        if focused { cursor(editor, from: start, x: l.fieldX + editor.columns(start, editor.cursor), y: y, into: &grid) }
    }

    /// The body: rows by display width, scrolled so the cursor's row shows.
    private static func bodyRows(_ form: NoticeForm, focused: Bool, _ l: NoticeFormLayout, into grid: inout CellGrid) {
        let editor = form.body
        let rows = editor.rows(width: l.fieldWidth)
        let place = editor.cursorPlace(width: l.fieldWidth)
        // Where the dialog scrolled it (`NoticeForm.scrollBody`), the cursor kept in view at any size.
        let top = min(max(form.bodyTop, place.row - l.bodyRows + 1), place.row)
        let area = Rect(x: l.fieldX, y: l.y(.body), width: l.fieldWidth, height: l.bodyRows)
        grid.restyle(area) { $0 = Style(.text) }
        for (i, row) in rows.dropFirst(top).prefix(l.bodyRows).enumerated() {
            grid.put(text: editor.text(of: row), x: area.x, y: area.y + i, width: area.width, style: Style(.text))
        }
        if rows.count > top + l.bodyRows {
            grid.put(text: "↓", x: area.maxX, y: area.maxY - 1, width: 1, style: Style(.dim))
        }
        if top > 0 { grid.put(text: "↑", x: area.maxX, y: area.y, width: 1, style: Style(.dim)) }
        if focused {
            cursor(editor, from: rows[place.row].start, x: area.x + place.column, y: area.y + place.row - top, into: &grid)
        }
    }

    /// The cursor as a reversed cell, as wide as the character under it.
    private static func cursor(_ editor: TextEditor, from: Int, x: Int, y: Int, into grid: inout CellGrid) {
        var w = 1
        if editor.cursor < editor.characters.count, editor.characters[editor.cursor] != "\n" {
            w = max(1, DisplayWidth.of(editor.characters[editor.cursor]))
        }
        grid.restyle(Rect(x: x, y: y, width: w, height: 1)) { $0 = $0.selecting(true) }
        grid.cursor = GridPoint(x: x, y: y)
    }
}
