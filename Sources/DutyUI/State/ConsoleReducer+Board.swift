import DutyCore

extension ConsoleReducer {
    /// The situation board's part of `apply`: `o` anywhere it is bound, and
    /// in the board its moves, sort keys, `Enter` and back; help opened from
    /// the board returns to it. False: the command is not the board's here,
    /// and `apply` goes on (theme, language, quit work as everywhere).
    func applyBoard(_ command: Command, _ state: inout ConsoleState, layout: ScreenLayout?) -> Bool {
        switch command {
        case .toggleBoard:
            if case .board = state.mode { state.mode = .main } else { state.mode = .board }
            return true
        case .boardSortNext:
            state.board.sortNext()
            return true
        case .boardSortFlip:
            state.board.flip()
            return true
        default:
            break
        }
        if case .help = state.mode, command == .back, state.board.helpFromBoard {
            state.board.helpFromBoard = false
            state.mode = .board
            return true
        }
        guard case .board = state.mode else { return false }
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            moveTown(command, &state, layout: layout)
        case .scroll(let delta):
            moveTown(delta > 0 ? .moveDown : .moveUp, &state, layout: layout, times: abs(delta))
        case .open:
            openTown(&state)
        case .back:
            state.mode = .main
        case .help:
            state.board.helpFromBoard = true
            state.mode = .help
            state.overlayScroll = 0
        case .click:
            break   // the board has nothing to click yet
        default:
            return false
        }
        return true
    }

    /// Moves the selected town through the rows as they are sorted now.
    private func moveTown(_ command: Command, _ state: inout ConsoleState, layout: ScreenLayout?, times: Int = 1) {
        let rows = board.figures(store).order(state.board)
        let at = rows.firstIndex { $0.town == state.board.town } ?? 0
        let page = layout.map {
            BoardLayout.compute(body: Self.boardBody($0), language: state.language).visibleTowns
        } ?? rows.count
        let to = ListCursor.select(command, from: at, rows: rows.count, page: max(1, page), times: times)
        if rows.indices.contains(to) { state.board.town = rows[to].town }
    }

    /// The board's body at a layout: between the header and the footer.
    static func boardBody(_ layout: ScreenLayout) -> Rect {
        Rect(x: 0, y: layout.header.maxY, width: layout.size.width, height: layout.footer.y - layout.header.maxY)
    }

    /// `Enter` on a town: the panes, the events, tasks and mediation panes
    /// filtered to it (`town:溪口`, the filter the operator could type).
    private func openTown(_ state: inout ConsoleState) {
        guard District.towns.indices.contains(state.board.town) else { return }
        let town = District.towns[state.board.town].short
        let filter = PaneFilter("town:" + town)
        for pane in [Pane.events, .tasks, .mediation] {
            let p = pane.rawValue
            state.filters[p] = filter
            state.selection[p] = 0
            state.scroll[p] = 0
            state.anchors[p] = nil
        }
        state.mode = .main
        state.focus = .events
        state.status = ConsoleLabels.of("ui", "board_filtered").text(state.language).replacingAll("{town}", with: town)
    }
}
