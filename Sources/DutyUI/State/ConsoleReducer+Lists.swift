import DutyCore

/// The lists across panes (a header figure's, 待办): opening one, moving
/// its selection, and keeping the selected row's item as the target of the
/// action keys.
extension ConsoleReducer {
    /// Shows a list across panes, its first row selected.
    func openList(_ list: ItemList, _ state: inout ConsoleState) {
        state.mode = .list(list)
        state.listReturn = nil
        state.listSelection = 0
        state.overlayScroll = 0
        retarget(list, &state)
    }

    /// Rows of a list that fit on screen (the body less its box and titles).
    func listPage(_ layout: ScreenLayout?) -> Int {
        guard let layout else { return 10 }
        return max(1, layout.footer.y - layout.header.maxY - 3)
    }

    func moveList(_ command: Command, _ list: ItemList, _ state: inout ConsoleState, page: Int, times: Int = 1) {
        let count = listRows.rows(list, store: store).count
        state.listSelection = ListCursor.select(command, from: state.listSelection, rows: count, page: page, times: times)
        state.overlayScroll = ListCursor.top(showing: state.listSelection, visible: page, from: state.overlayScroll)
        retarget(list, &state)
    }

    /// After the store changed under an open list: the selection stays on
    /// the item the operator chose (as a pane's does), scrolled into sight;
    /// when that item left the list, on the row now in its place.
    public func followList(_ list: ItemList, _ state: inout ConsoleState, layout: ScreenLayout?) {
        if let target = state.listTarget,
           let row = listRows.rows(list, store: store).firstIndex(where: { $0.ref == target }) {
            state.listSelection = row
            state.overlayScroll = ListCursor.top(showing: row, visible: listPage(layout), from: state.overlayScroll)
        }
        retarget(list, &state)
    }

    /// Keeps the selection within the list and its item as the action target.
    public func retarget(_ list: ItemList, _ state: inout ConsoleState) {
        let rows = listRows.rows(list, store: store)
        state.listSelection = max(0, min(state.listSelection, rows.count - 1))
        state.listTarget = rows.indices.contains(state.listSelection) ? rows[state.listSelection].ref : nil
    }
}
