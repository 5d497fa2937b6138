import DutyCore
@testable import DutyUI
import Testing

/// The board's layout as a pure function of the size: at 80×24 fewer columns
/// and one graph, from 120×40 every column and three graphs, on a wide
/// screen a graph beside the rates; nothing ever outside the body.
@Suite struct BoardLayoutTests {
    init() { _ = UITest.locale }

    static func body(_ w: Int, _ h: Int) -> Rect { Rect(x: 0, y: 2, width: w, height: h - 3) }

    @Test(arguments: [Language.zh, .en])
    func eightyByTwentyFourKeepsFiveColumnsAndOneGraph(language: Language) {
        let l = BoardLayout.compute(body: Self.body(80, 24), language: language)
        #expect(l.columns == [.town, .eventsToday, .overdue, .lateSigning, .onTime30, .openNow].sorted { $0.rawValue < $1.rawValue })
        #expect(!l.fullTitles)
        #expect(l.rates.width >= BoardLayout.ratesMinimum)
        #expect(l.graphs.map(\.graph) == [.eventsPerHour])
        #expect(l.visibleTowns == 12)
    }

    @Test(arguments: [Language.zh, .en])
    func hundredTwentyByFortyShowsEverything(language: Language) {
        let l = BoardLayout.compute(body: Self.body(120, 40), language: language)
        #expect(l.columns == BoardColumn.allCases && l.fullTitles)
        #expect(l.graphs.map(\.graph) == BoardGraph.allCases)
        #expect(l.graphs.allSatisfy { $0.rect.width == 120 && $0.rect.y >= l.table.maxY })
    }

    @Test func aWideScreenPutsTheFirstGraphBesideTheRates() {
        let l = BoardLayout.compute(body: Self.body(200, 60), language: .zh)
        #expect(l.graphs.first?.graph == .eventsPerHour && l.graphs.first?.rect.y == l.table.y)
        #expect(l.rates.width <= BoardLayout.ratesWidest && l.graphs.first!.rect.x == l.rates.maxX)
        #expect(l.graphs.dropFirst().map(\.graph) == [.eventsPerDay, .onTimePerDay])
    }

    @Test func everyPartStaysInsideTheBodyAndApart() {
        for (w, h) in [(60, 16), (80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (240, 70)] {
            for lang in Language.allCases {
                let body = Self.body(w, h)
                let l = BoardLayout.compute(body: body, language: lang)
                var parts = [l.table, l.rates] + l.graphs.map(\.rect)
                parts.removeAll { $0.isEmpty }
                for p in parts { #expect(p.intersection(body) == p, "\(w)×\(h) \(lang)") }
                for i in parts.indices { for j in parts.indices where i < j { #expect(parts[i].intersection(parts[j]).isEmpty) } }
                #expect(BoardLayout.tableWidth(l.columns, full: l.fullTitles, lang) <= w)
            }
        }
    }

    @Test func aShortScreenScrollsTheTownsToTheSelectedOne() {
        let store = ConsoleFrameTests.demoStore()
        var state = ConsoleState()
        state.mode = .board
        state.board.town = 11   // 松岙, last
        let grid = ConsoleView(store: store, paneRows: PaneRows(), badge: .live).render(state, width: 60, height: 16)
        let text = screenText(grid)
        #expect(text.contains("松岙") && !text.contains("锦屏"))
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == 60 })
    }
}
