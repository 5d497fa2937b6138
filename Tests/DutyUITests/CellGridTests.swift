import DutyTestSupport
import Testing
@testable import DutyUI

@Suite struct CellGridTests {
    init() { _ = UITest.locale }

    /// Every row of the text is exactly `width` columns, and every
    /// continuation cell follows a wide glyph.
    static func checkInvariants(_ g: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<g.height {
            #expect(TextFit.width(g.line(y)) == g.width, "row \(y): [\(g.line(y))]", sourceLocation: sourceLocation)
            for x in 0..<g.width {
                let c = g[x, y]
                if c.isContinuation {
                    #expect(x > 0 && g[x - 1, y].width == 2, "orphan continuation at \(x),\(y)", sourceLocation: sourceLocation)
                }
                if c.width == 2 {
                    #expect(x + 1 < g.width && g[x + 1, y].isContinuation, "wide glyph without continuation at \(x),\(y)",
                            sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func putWritesGlyphsAndReturnsColumns() {
        var g = CellGrid(width: 12, height: 1)
        #expect(g.put(text: "ab中c", x: 1, y: 0) == 5)
        #expect(g.line(0) == " ab中c      ")
        #expect(g[3, 0] == Cell("中", width: 2, style: .text))
        #expect(g[4, 0].isContinuation)
        Self.checkInvariants(g)
    }

    @Test func wideGlyphCrossingTheLimitBecomesABlank() {
        var g = CellGrid(width: 6, height: 2)
        #expect(g.put(text: "ab中文", x: 0, y: 0, width: 3) == 3)
        #expect(g.line(0) == "ab    ")
        #expect(g.put(text: "abcde中", x: 0, y: 1) == 6)       // grid edge
        #expect(g.line(1) == "abcde ")
        #expect(g[5, 1].text == " " && g[5, 1].style == .text)
        Self.checkInvariants(g)
    }

    @Test func clipsAtTheLeftEdgeAndOutsideRows() {
        var g = CellGrid(width: 5, height: 1)
        g.put(text: "中文ab", x: -1, y: 0)       // 中 straddles column 0
        #expect(g.line(0) == " 文ab")
        #expect(g.put(text: "x", x: 0, y: 5) == 0)
        #expect(g.put(text: "x", x: 9, y: 0) == 0)
        Self.checkInvariants(g)
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var g = CellGrid(width: 6, height: 1)
        g.put(text: "中文中", x: 0, y: 0)
        g.put(text: "x", x: 1, y: 0)             // right half of 中
        #expect(g.line(0) == " x文中")
        g.put(text: "y", x: 2, y: 0)             // left half of 文
        #expect(g.line(0) == " xy 中")
        g.put(text: "国", x: 3, y: 0)            // wide over a blank and the left half of 中
        #expect(g.line(0) == " xy国 ")
        Self.checkInvariants(g)
    }

    @Test func putSanitizesEscapeSequences() {
        var g = CellGrid(width: 10, height: 1)
        g.put(text: "\u{1B}[2Jhi", x: 0, y: 0)
        #expect(g.line(0) == "␛[2Jhi    ")
        #expect(!g.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func putAlignedPadsAndTruncates() {
        var g = CellGrid(width: 10, height: 2)
        g.putAligned(text: "占道经营扰民", x: 0, y: 0, width: 7)
        g.putAligned(text: "42", x: 0, y: 1, width: 5, alignment: .right)
        #expect(g.lines == ["占道经…   ", "   42     "])
    }

    @Test func fillAndRestyle() {
        var g = CellGrid(width: 5, height: 3)
        g.put(text: "中文", x: 0, y: 1)
        g.fill(Rect(x: 1, y: 0, width: 3, height: 3), with: "·", style: Style(.dim))
        #expect(g.lines == [" ··· ", " ··· ", " ··· "])
        g.fill(Rect(x: 0, y: 0, width: 5, height: 1), with: "中")
        #expect(g.line(0) == "中中 ")
        g.restyle(Rect(x: 0, y: 2, width: 5, height: 1)) { $0.selected = true }
        #expect((0..<5).allSatisfy { g[$0, 2].style.selected })
        Self.checkInvariants(g)
    }

    @Test func randomWritesKeepEveryRowExactlyAsWide() {
        var rng = SplitMix(seed: 42)
        let texts = ["中", "ab", "占道经营", "👨‍👩‍👧", "🇨🇳", "x\u{1B}y", "e\u{301}", "ＡＢ", "…", "─┐"]
        var g = CellGrid(width: 17, height: 4)
        for _ in 0..<2_000 {
            let t = (0..<Int(rng.next() % 4 + 1)).map { _ in texts[Int(rng.next() % UInt64(texts.count))] }.joined()
            let x = Int(rng.next() % 21) - 2, y = Int(rng.next() % 4)
            let w: Int? = rng.next() % 2 == 0 ? nil : Int(rng.next() % 8)
            g.put(text: t, x: x, y: y, width: w)
        }
        Self.checkInvariants(g)
    }

    @Test func textAndStyleLines() {
        var g = CellGrid(width: 4, height: 2)
        g.put(text: "中a", x: 0, y: 0, style: Style(.title))
        #expect(g.text == "中a \n    \n")
        let marks = g.styleLines { $0.style.role == .title ? "T" : "." }
        #expect(marks == ["TTT.", "...."])
        #expect(g.glyphStart(x: 1, y: 0) == 0)
    }

    @Test func boxWithTitle() {
        var g = CellGrid(width: 16, height: 4)
        let inside = g.drawBox(Rect(x: 0, y: 0, width: 16, height: 4), title: "网格事件", badge: "12")
        #expect(inside == Rect(x: 1, y: 1, width: 14, height: 2))
        #expect(g.lines == [
            "┌─ 网格事件 12 ┐",
            "│              │",
            "│              │",
            "└──────────────┘",
        ])
        g.drawBox(Rect(x: 0, y: 0, width: 16, height: 4), title: "网格事件", focused: true)
        #expect(g.line(0) == "┏━ 网格事件 ━━━┓")
        #expect(g[0, 0].style.role == .focusBorder && g[3, 0].style.role == .focusTitle)
        Self.checkInvariants(g)
    }

    @Test func longTitlesAreTruncatedInsideTheBorder() {
        var g = CellGrid(width: 12, height: 3)
        g.drawBox(g.bounds, title: "矛调分级 Mediation tiers")
        #expect(g.line(0) == "┌─ 矛调分… ┐")
        g.drawBox(g.bounds, title: "x", borders: .ascii)
        #expect(g.lines == ["+- x ------+", "|          |", "+----------+"])
        Self.checkInvariants(g)
    }

    @Test func tinyBoxesDoNotCrash() {
        for w in 0...4 {
            for h in 0...3 {
                var g = CellGrid(width: 5, height: 4)
                g.drawBox(Rect(x: 1, y: 1, width: w, height: h), title: "告警", badge: "3", focused: w % 2 == 0)
                g.drawTitledRule(Rect(x: 0, y: 0, width: w, height: 1), title: "告警")
                Self.checkInvariants(g)
            }
        }
    }
}
