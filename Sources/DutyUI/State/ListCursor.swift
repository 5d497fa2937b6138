/// Moving a selection over a list: where a key puts it, and the first
/// visible row that keeps it in sight. One arithmetic for the panes, the
/// lists across panes and anything else that scrolls rows.
enum ListCursor {
    /// The row `command` selects, from `selected`, in a list of `rows` with
    /// `page` rows visible (clamped to the list).
    static func select(_ command: Command, from selected: Int, rows: Int, page: Int, times: Int = 1) -> Int {
        var sel = selected
        switch command {
        case .moveDown: sel += times
        case .moveUp: sel -= times
        case .pageDown: sel += page
        case .pageUp: sel -= page
        case .top: sel = 0
        case .bottom: sel = rows - 1
        default: break
        }
        return max(0, min(sel, rows - 1))
    }

    /// The first visible row, moved as little as possible from `top` so that
    /// row `selected` is among the `visible` shown.
    static func top(showing selected: Int, visible: Int, from top: Int) -> Int {
        var t = top
        if selected < t { t = selected }
        if selected >= t + visible { t = selected - visible + 1 }
        return max(0, t)
    }
}
