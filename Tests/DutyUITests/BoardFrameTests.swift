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

    func check(_ w: Int, _ h: Int, _ language: Language, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = Self.render(ConsoleFrameTests.demoStore(), language: language, w, h)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == w }, sourceLocation: sourceLocation)
        assertFrame(frameText(grid), named: name, sourceLocation: sourceLocation)
    }

    @Test func frame80x24() {
        check(80, 24, .zh, named: "board-80x24-zh")
        check(80, 24, .en, named: "board-80x24-en")
    }

    @Test func frame120x40() {
        check(120, 40, .zh, named: "board-120x40-zh")
        check(120, 40, .en, named: "board-120x40-en")
    }

    @Test func frame200x60() {
        check(200, 60, .zh, named: "board-200x60-zh")
        check(200, 60, .en, named: "board-200x60-en")
    }
}

extension BoardFrameTests {
    /// In mono the heat shows by attribute (heat_1 bold, heat_2 bold and
    /// underline, heat_3 reverse) and the swatch glyph, never by colour alone.
    @Test func monoAttributesShowTheHeat() {
        let store = ConsoleFrameTests.demoStore()
        let grid = Self.render(store, language: .zh, 80, 24)
        assertFrame(attributeText(grid, theme: BuiltinThemes.mono), named: "board-80x24-mono-attributes")
        // Every heated cell differs from a plain one in mono, and carries its swatch.
        let mono = BuiltinThemes.mono
        let plain = mono.resolve(Style(.text)).attributes
        for level in 1...3 {
            #expect(mono.resolve(Style(BoardHeat.role(level))).attributes != plain)
        }
        var heated = 0
        for y in 0..<grid.height {
            for x in 0..<grid.width where [Role.heat1, .heat2, .heat3].contains(grid[x, y].style.role) {
                heated += 1
                if grid[x, y].text != " " && BoardHeat.swatches.contains(grid[x, y].text) {
                    #expect(grid[x, y].text == BoardHeat.swatches[BoardHeat.level(of: grid[x, y].style.role)])
                }
            }
        }
        #expect(heated > 0)   // the demo's morning has towns above their share
    }

    /// Every theme gives the three heat levels three different looks.
    @Test func everyThemeTellsTheHeatLevelsApart() {
        for theme in BuiltinThemes.all {
            let looks = (0...3).map { theme.resolve(Style(BoardHeat.role($0))) }
            for i in 0..<looks.count {
                for j in (i + 1)..<looks.count {
                    #expect(looks[i].fg != looks[j].fg || looks[i].bg != looks[j].bg || looks[i].attributes != looks[j].attributes,
                            "\(theme.name): heat \(i) and \(j) look alike")
                }
            }
        }
    }
}
