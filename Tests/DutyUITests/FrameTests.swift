import Foundation
import Testing
import DutyCore
@testable import DutyUI

/// Whole frames: golden frames, and the promise that columns line up whatever
/// mix of Chinese, ASCII and emoji the feeds send.
@Suite struct FrameTests {
    init() { _ = UITest.locale }

    /// For every drawn row of the events table: each shown column starts on
    /// a glyph boundary, the gap before it is a plain blank, and what the
    /// column holds is exactly the cell text fitted to the column's width.
    static func checkColumnsLineUp(_ f: TestFrame, selectedRowShown: Bool = true,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        let plan = f.events.plan(width: f.eventsRect.width, rows: f.visibleEventRows)
        #expect(plan.columns.count >= 5, "too few columns: \(plan.columns)", sourceLocation: sourceLocation)
        let first = f.events.showsHeader ? 1 : 0
        let shown = min(f.eventsRows.count, f.eventsRect.height - first)
        for r in 0..<shown {
            let y = f.eventsRect.y + first + r
            for (k, column) in plan.columns.enumerated() {
                let x0 = f.eventsRect.x + plan.offsets[k]
                let w = plan.widths[k]
                #expect(!f.grid[x0, y].isContinuation, "row \(r) column \(column) starts inside a wide glyph",
                        sourceLocation: sourceLocation)
                if k > 0 {
                    #expect(f.grid[x0 - 1, y].text == " " && f.grid[x0 - 1, y].width == 1,
                            "row \(r): gap before column \(column) is not blank", sourceLocation: sourceLocation)
                }
                var text = ""
                for x in x0..<(x0 + w) where !f.grid[x, y].isContinuation { text += f.grid[x, y].text }
                // A label too wide for its column shows its short form (English).
                let expected = TextFit.pad(Abbreviations.fit(f.eventsRows[r].cells[column], width: w), to: w,
                                           alignment: f.events.columns[column].alignment)
                #expect(text == expected, "row \(r) column \(column)", sourceLocation: sourceLocation)
                #expect(TextFit.width(text) == w, sourceLocation: sourceLocation)
            }
            // The right border stays where it belongs.
            #expect(TextFit.width(f.grid.line(y)) == f.grid.width, sourceLocation: sourceLocation)
        }
    }

    @Test func mixedTitlesLineUpAt120x40() throws {
        let f = try #require(TestFrame.render(width: 120, height: 40, focus: .events))
        Self.checkColumnsLineUp(f)
        #expect(f.events.plan(width: f.eventsRect.width, rows: f.visibleEventRows).columns.count == 8)
        assertFrame(frameText(f.grid), named: "frame-120x40-mixed")
    }

    @Test func mixedTitlesLineUpAt80x24() throws {
        let f = try #require(TestFrame.render(width: 80, height: 24, focus: .events))
        Self.checkColumnsLineUp(f)
        assertFrame(frameText(f.grid), named: "frame-80x24-mixed")
    }

    @Test func englishLabelsLineUpToo() throws {
        let f = try #require(TestFrame.render(width: 100, height: 30, focus: .events, language: .en))
        Self.checkColumnsLineUp(f)
        assertFrame(frameText(f.grid), named: "frame-100x30-mixed-en")
    }

    @Test func columnsLineUpAtManyWidths() {
        for w in stride(from: 60, through: 200, by: 1) {
            guard let f = TestFrame.render(width: w, height: 30, focus: .events) else {
                Issue.record("no frame at \(w)"); continue
            }
            Self.checkColumnsLineUp(f)
        }
    }

    @Test func noControlCharacterReachesTheGrid() throws {
        let f = try #require(TestFrame.render(width: 120, height: 40, focus: .events))
        for cell in f.grid.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
        #expect(f.grid.lines.contains { $0.contains("␛[31m注入") })
    }

    /// Under mono the text is the same and every distinction is an
    /// attribute: the map shows priorities 1–4 as reverse+bold (5),
    /// bold+underline (9), bold (1) and dim (2).
    @Test func monoThemeFrame() throws {
        let f = try #require(TestFrame.render(width: 80, height: 24, focus: .events, selected: 5))
        let mono = BuiltinThemes.mono
        let text = frameText(f.grid) + "--- attributes under mono: hex of 1 bold, 2 dim, 4 reverse, 8 underline ---\n"
            + attributeText(f.grid, theme: mono)
        assertFrame(text, named: "frame-80x24-mono")
        // Priority cells of the four priorities differ by attribute alone.
        let plan = f.events.plan(width: f.eventsRect.width, rows: f.visibleEventRows)
        let px = f.eventsRect.x + plan.offsets[1]
        let attrs = (0..<4).map { r in mono.resolve(f.grid[px, f.eventsRect.y + 1 + r].style).attributes }
        #expect(Set(attrs).count == 4, "\(attrs)")
        for y in 0..<f.grid.height {
            for x in 0..<f.grid.width {
                let s = mono.terminalStyle(f.grid[x, y].style, depth: .xterm256)
                #expect(s.fg == nil && s.bg == nil)
            }
        }
    }
}
