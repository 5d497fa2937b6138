import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The situation board's keys: `o` shows it and goes back, `s` sorts by the
/// next column and `S` flips the order (the rows follow), `j`/`k` move over
/// the rows as sorted, `Enter` opens the panes filtered to the town, and the
/// footer and help say so.
@Suite struct BoardKeyTests {
    init() { _ = UITest.locale }

    @Test func oTogglesTheBoardAndBackKeysLeaveIt() {
        let rig = ConsoleRig(themeCount: 4)
        #expect(rig.press("o") == nil && rig.state.mode == .board)
        rig.press("o")
        #expect(rig.state.mode == .main)
        rig.press("o")
        #expect(rig.press("q") == nil && rig.state.mode == .main)   // q leaves the board, it does not quit
        rig.press("o"); rig.press("Esc")
        #expect(rig.state.mode == .main)
        // Help opened from the board comes back to it.
        rig.press("o"); rig.press("?")
        #expect(rig.state.mode == .help)
        rig.press("Esc")
        #expect(rig.state.mode == .board)
        rig.press("L")
        #expect(rig.state.language == .en && rig.state.mode == .board)
    }

    @Test func sortKeysSortTheRowsByEachColumnBothWays() {
        let rig = ConsoleRig(themeCount: 4)
        rig.press("o")
        let figures = rig.reducer.board.figures(rig.store)
        #expect(figures.order(rig.state.board).map(\.town) == Array(0..<12))   // the district's order first
        for column in BoardColumn.allCases.dropFirst() {
            rig.press("s")
            #expect(rig.state.board.sort == column)
            for _ in 0..<2 {
                let values = figures.order(rig.state.board).map { $0.value(column) }
                let known = values.compactMap { $0 }
                // Rates missing (nothing done) come last, whatever the order.
                #expect(values.prefix(known.count).allSatisfy { $0 != nil })
                #expect(known == (rig.state.board.descending ? known.sorted(by: >) : known.sorted()), "\(column)")
                rig.press("S")
            }
        }
        rig.press("s")
        #expect(rig.state.board.sort == .town && !rig.state.board.descending)
        // The sort and order are named in the table's title.
        rig.press("s")
        let text = screenText(rig.render(badge: .live))
        #expect(text.contains("排序 今日事件 ▼"))
        rig.press("S")
        #expect(screenText(rig.render(badge: .live)).contains("排序 今日事件 ▲"))
    }

    @Test func movesFollowTheSortedRowsAndTheSelectedTownStaysOnASort() {
        let rig = ConsoleRig(themeCount: 4)
        rig.press("o")
        rig.press("j"); rig.press("j")
        #expect(rig.state.board.town == 2)   // 江口, third in the district's order
        rig.press("s")   // by today's events, most first: the town stays selected wherever it goes
        #expect(rig.state.board.town == 2)
        let order = rig.reducer.board.figures(rig.store).order(rig.state.board).map(\.town)
        rig.press("g")
        #expect(rig.state.board.town == order[0])
        rig.press("j")
        #expect(rig.state.board.town == order[1])
        rig.press("G")
        #expect(rig.state.board.town == order[11])
    }

    @Test func enterOpensThePanesFilteredToTheTown() throws {
        let rig = ConsoleRig(themeCount: 4)
        rig.press("o")
        rig.press("j"); rig.press("j")   // 江口街道
        rig.press("Enter")
        #expect(rig.state.mode == .main && rig.state.focus == .events)
        for pane in [Pane.events, .tasks, .mediation] { #expect(rig.state.filter(pane)?.text == "town:江口") }
        #expect(rig.state.filter(.alerts) == nil)
        #expect(rig.state.status?.contains("江口") == true)
        // The events pane lists exactly the town's events.
        let store = rig.store
        let expected = (0..<Int32(store.count(.event))).filter { store.text(store.current(.event, $0).event.town) == "江口街道" }.count
        #expect(expected > 0)
        #expect(rig.paneRows.count(.events, store: store, filter: rig.state.filter(.events)) == expected)
        let rows = rig.paneRows.items(.events, store: store, filter: rig.state.filter(.events), from: 0, limit: expected)
        #expect(rows.allSatisfy { store.text(store.current(.event, $0).event.town) == "江口街道" })
        // Esc clears the focused pane's filter, as for any filter.
        rig.press("Esc")
        #expect(rig.state.filter(.events) == nil)
    }

    @Test func footerAndHelpNameTheBoardKeys() {
        let main = KeyRegistry.footer(for: .main).flatMap(\.keys)
        #expect(main.contains("o"))
        let board = KeyRegistry.footer(for: .board)
        #expect(board.map(\.command).contains(.boardSortNext) && board.map(\.command).contains(.boardSortFlip))
        #expect(board.map(\.command).contains(.open) && board.map(\.command).contains(.toggleBoard))
        let rig = ConsoleRig(themeCount: 4)
        // The panes' footer at 120×40 names the board right after help.
        let mainFooter = screenText(rig.render(badge: .live)).split(separator: "\n").last.map(String.init) ?? ""
        #expect(mainFooter.contains("?/F1 帮助  o 看板"))
        rig.press("o")
        let footer = screenText(rig.render(badge: .live)).split(separator: "\n").last.map(String.init) ?? ""
        for part in ["o 看板", "Enter 进入镇街", "s 排序列", "S 倒序"] { #expect(footer.contains(part), "\(part)") }
        rig.press("?")
        let help = screenText(rig.render(badge: .live))
        #expect(help.contains("态势看板") && help.contains("排序列") && help.contains("倒序"))
    }
}
