import DutyCore
import DutyTestSupport
@testable import DutyUI
import Testing

/// The situation board's golden frames: at 80×24, 120×40 and 200×60 in both
/// languages over the demo's busy morning, and the mono theme's attributes,
/// where the heat must still show without colour.
@Suite struct BoardFrameTests {
    init() { _ = UITest.locale }

    static func render(_ store: Store, language: Language, _ w: Int, _ h: Int, board: BoardState = BoardState()) -> CellGrid {
        var state = ConsoleState()
        state.language = language
        state.mode = .board
        state.board = board
        return ConsoleView(store: store, paneRows: PaneRows(), badge: .demo(speed: 60)).render(state, width: w, height: h)
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)], [Language.zh, .en])
    func frames(size: (Int, Int), language: Language) {
        let grid = Self.render(ConsoleFrameTests.demoStore(), language: language, size.0, size.1)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == size.0 })
        assertFrame(frameText(grid), named: "board-\(size.0)x\(size.1)-\(language.rawValue)")
    }
}
