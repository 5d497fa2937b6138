@testable import DutyUI
import Testing

/// Trend graphs as text: bar heights in eighths, braille dots, the scale's
/// labels, time ticks, and values dropped from the oldest end when narrow.
@Suite struct GraphTests {
    init() { _ = UITest.locale }

    @Test func niceMaxRoundsUpToAReadableTop() {
        #expect(Graph.niceMax(0) == 1 && Graph.niceMax(1) == 1)
        #expect(Graph.niceMax(3) == 3 && Graph.niceMax(7) == 8 && Graph.niceMax(46) == 50 && Graph.niceMax(53) == 60)
        #expect(Graph.niceMax(120) == 150 && Graph.niceMax(210) == 250 && Graph.niceMax(388) == 400 && Graph.niceMax(900) == 1000)
    }

    @Test func blockBarsAreEighthsOfTheScale() {
        var grid = CellGrid(width: 8, height: 3)
        // Scale top 8 over 2 rows = 16 eighths: 8 is a full lower cell, 16 both, 1 one eighth.
        Graph.draw([0, 1, 8, 16], style: .blocks, top: 16, into: &grid, rect: Rect(x: 0, y: 0, width: 8, height: 2))
        #expect(grid.line(0) == "16┤   █ ")
        #expect(grid.line(1) == " 0┤ ▁██ ")
        #expect(grid[6, 0].style.role == .barFill && grid[2, 0].style.role == .dim)
    }

    @Test func aSmallValueIsNeverDrawnAsNothing() {
        var grid = CellGrid(width: 10, height: 2)
        Graph.draw([1, 0], style: .blocks, top: 1000, into: &grid, rect: Rect(x: 0, y: 0, width: 10, height: 2))
        #expect(grid.line(1) == "   0┤▁▁   ")
    }

    @Test func brailleFillsDotsFromTheBottomTwoValuesACell() {
        var grid = CellGrid(width: 4, height: 1)
        // One row = 4 dots a column: 4 fills the left (7 3 2 1), 2 the right's lowest two (8 6); then 3 and 1.
        Graph.draw([4, 2, 3, 1], style: .braille, top: 4, into: &grid, rect: Rect(x: 0, y: 0, width: 4, height: 1))
        let cell = grid.line(0).dropLast().last!
        #expect(cell.unicodeScalars.first!.value == 0x2800 + 0x40 + 0x04 + 0x02 + 0x01 + 0x80 + 0x20)
        #expect(grid.line(0) == "4┤⣧⣆")
    }

    @Test func brailleSpreadsFewValuesOverTheWidth() {
        var grid = CellGrid(width: 8, height: 1)
        Graph.draw([4, 0], style: .braille, top: 4, into: &grid, rect: Rect(x: 0, y: 0, width: 8, height: 1))
        // 6 columns of plot = 12 dot columns: 6 for each value.
        #expect(grid.line(0) == "4┤⣿⣿⣿   ")
    }

    @Test func theScaleLabelsTopMiddleAndZero() {
        var grid = CellGrid(width: 10, height: 5)
        let top = Graph.draw([10, 40, 7], style: .blocks, ticks: [Graph.Tick(at: 0, "a")], into: &grid,
                             rect: Rect(x: 0, y: 0, width: 10, height: 5))
        #expect(top == 40)
        #expect(grid.lines.map { String($0.prefix(3)) } == ["40┤", "20┤", "  │", " 0┤", "   "])
        #expect(grid.line(4).hasPrefix("   a"))
    }

    @Test func barsWidenToTheRoomAndTicksSitUnderTheirBars() {
        #expect(Graph.bars(count: 24, columns: 119) == Graph.Bars(width: 4, gap: 1))
        #expect(Graph.bars(count: 24, columns: 66) == Graph.Bars(width: 2, gap: 0))
        #expect(Graph.bars(count: 24, columns: 30) == Graph.Bars(width: 1, gap: 0))
        var grid = CellGrid(width: 14, height: 3)
        Graph.draw([1, 2, 3, 4], style: .blocks, top: 4,
                   ticks: [Graph.Tick(at: 1, "b"), Graph.Tick(at: 2, "cc"), Graph.Tick(at: 3, "d")],
                   into: &grid, rect: Rect(x: 0, y: 0, width: 14, height: 3))
        // Plot of 12 columns from column 2: bars of 2 with a blank, at 0, 3, 6, 9.
        #expect(grid.line(2) == "     b  cc d  ")
    }

    @Test func valuesThatDoNotFitDropFromTheOldestEnd() {
        var grid = CellGrid(width: 5, height: 3)
        Graph.draw([8, 8, 8, 0, 8], style: .blocks, top: 8,
                   ticks: [Graph.Tick(at: 0, "x"), Graph.Tick(at: 3, "y")], into: &grid, rect: Rect(x: 0, y: 0, width: 5, height: 3))
        // Room for 3 values after "8┤": the last three (8, 0, 8), each the whole scale;
        // "x" went with its value, "y" sits under the 0.
        #expect(grid.lines == ["8┤█ █", "0┤█ █", "   y "])
    }
}
