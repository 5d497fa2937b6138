import DutyCore

/// What the screen draws instead of a layout when the terminal is too small.
/// (The layout tests' skeleton drawing of a layout extends this type in
/// Tests/DutyUITests: only tests draw a bare skeleton.)
public enum LayoutSketch {
    /// The message shown below the minimum size, "terminal too small: need
    /// 60×16, have 40×12", wrapped to the width and centred, so it is
    /// readable even in a very small window. The screen keeps running.
    public static func drawTooSmall(into grid: inout CellGrid, need: Size, have: Size) {
        grid.clear()
        let message = "terminal too small: need \(need), have \(have)"
        let room = max(1, grid.width - 2)
        // One line when it fits; otherwise the sizes keep a line of their own.
        let lines = TextFit.width(message) <= room ? [message]
            : TextFit.wrap("terminal too small:", to: room) + TextFit.wrap("need \(need), have \(have)", to: room)
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < grid.height {
            let x = max(0, (grid.width - TextFit.width(line)) / 2)
            grid.put(text: line, x: x, y: top + i, style: Style(.error))
        }
    }
}
