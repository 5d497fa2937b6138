#if DEBUG
@testable import DutyUI
#else
import DutyUI
#endif
import Dispatch
import DutyTerminal
import DutyTestSupport
import Testing

extension TerminalPtyTests {
    #if DEBUG
    /// The grid is sanitised before it reaches the backend, but should a raw
    /// control character get into a cell anyway (CellGrid's internal `set`
    /// takes any text), it is drawn as U+FFFD and never reaches the terminal.
    @Test func rawControlCharactersInCellsAreNeverWritten() throws {
        let h = try Harness()
        defer { h.terminal.stop() }
        var grid = CellGrid(width: 40, height: 8)
        grid.put(text: "[ ] [ ] [ ] [ ] [ ] [ ]", x: 0, y: 0)
        for (i, raw) in ["\u{07}", "\u{1b}", "\u{9b}", "\u{85}", "a\u{1b}[2J", "\u{7f}"].enumerated() {
            grid.set(x: 1 + 4 * i, y: 0, Cell(raw, width: 1, style: .text))
        }
        h.terminal.draw(grid, theme: BuiltinThemes.dark)
        let expected = "[\u{FFFD}] [\u{FFFD}] [\u{FFFD}] [\u{FFFD}] [\u{FFFD}] [\u{FFFD}]" + String(repeating: " ", count: 17)
        let screen = h.pty.waitForScreen(width: 40, height: 8) { $0.line(0) == expected }
        #expect(screen.line(0) == expected)
        #expect(screen.strayControls.isEmpty)
        let scalars = String(decoding: h.pty.output, as: UTF8.self).unicodeScalars
        #expect(!scalars.contains { $0.value == 0x07 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        // Only ncurses' own clear when the screen was entered, not the cell's.
        #expect(String(decoding: h.pty.output, as: UTF8.self).ranges(of: "\u{1b}[2J").count == 1)
    }
    #endif

    /// A full 200×60 frame, then forty where ~5 % of the cells changed (the
    /// clock, a few rows, a selection moving): the screen ends up exactly the
    /// grid, however little of it each frame rewrote. (How long a frame
    /// takes is measured in dutydesk-bench, never asserted here.)
    @Test func busyFramesAt200x60EndAsTheGrid() throws {
        let h = try Harness(width: 200, height: 60)
        defer { h.terminal.stop() }
        var grid = Self.busyGrid(width: 200, height: 60)
        let first = h.terminal.draw(grid, theme: BuiltinThemes.dark)
        #expect(first.cellsWritten > 0)
        #expect(h.screen(matching: grid).lines == grid.lines)

        var random = SplitMix(seed: 7)
        let words = ["锦屏", "岳林", "江口", "西坞", "萧王庙", "open", "done", "P1", "12:07", "▲", "●"]
        let roles: [Role] = [.text, .priority1, .priority2, .eventOpen, .taskOverdue, .alertCritical, .dim]
        for _ in 0..<40 {
            var changed = 0
            while changed < 600 {                                    // 5 % of 12 000 cells
                let word = words[Int(random.next() % UInt64(words.count))]
                let x = Int(random.next() % 190), y = Int(random.next() % 60)
                let role = roles[Int(random.next() % UInt64(roles.count))]
                changed += grid.put(text: word, x: x, y: y, style: Style(role, selected: y == 20))
            }
            _ = h.terminal.draw(grid, theme: BuiltinThemes.dark)
        }
        #expect(h.screen(matching: grid).lines == grid.lines)
    }

    static func busyGrid(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let towns = ["锦屏街道", "岳林街道", "江口街道", "西坞街道", "萧王庙街道", "溪口镇", "尚田镇", "大堰镇"]
        let titles = ["占道经营 occupying road", "噪音扰民 noise at night", "垃圾堆放 rubbish pile-up",
                      "违章搭建 illegal structure", "路灯损坏 street light broken", "河道漂浮物 debris in river"]
        let roles: [Role] = [.priority1, .priority2, .priority3, .priority4]
        grid.put(text: "奉化区综合指挥中心 · 值班台  2026-03-14 09:41:07  DEMO ×60", x: 0, y: 0, style: Style(.headerTitle))
        for y in 1..<height {
            let n = y * 7919
            var x = 0
            x += grid.put(text: String(format: "%02d:%02d ", (8 + n % 10), n % 60), x: x, y: y, style: Style(.dim))
            x += grid.put(text: "P\(n % 4 + 1) ", x: x, y: y, style: Style(roles[n % 4]))
            x += grid.put(text: towns[n % towns.count] + " ", x: x, y: y)
            x += grid.put(text: "网格\(n % 97) ", x: x, y: y)
            x += grid.put(text: titles[n % titles.count] + "  ", x: x, y: y, style: Style(.text, selected: y == 20))
            x += grid.put(text: "FH-\(100000 + n % 89999) 处置中 overdue 2h13m ", x: x, y: y, style: Style(.taskOverdue))
            grid.put(text: String(repeating: "█", count: n % 40) + String(repeating: "░", count: 40 - n % 40),
                     x: x, y: y, style: Style(.barFill))
        }
        return grid
    }
}
