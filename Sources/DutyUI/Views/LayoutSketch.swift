import DutyCore

/// Draws a layout's skeleton — the header and footer rows, each pane's
/// titled border, or the too-small message — into a grid. The screen draws
/// its chrome this way before the panes fill in their content; tests use it
/// to see a layout as a text drawing.
public enum LayoutSketch {
    /// A grid of the layout's size with the skeleton drawn in.
    public static func render(_ result: LayoutResult, language: Language = .zh,
                              borders: BorderSet = .ascii) -> CellGrid {
        switch result {
        case .tooSmall(let need, let have):
            var grid = CellGrid(width: have.width, height: have.height)
            drawTooSmall(into: &grid, need: need, have: have)
            return grid
        case .screen(let layout):
            var grid = CellGrid(width: layout.size.width, height: layout.size.height)
            draw(layout, into: &grid, language: language, borders: borders)
            return grid
        }
    }

    /// Draws the skeleton of `layout` into `grid`: header and footer filled
    /// with their roles, every pane's border and title (focused one heavy).
    public static func draw(_ layout: ScreenLayout, into grid: inout CellGrid,
                            language: Language = .zh, borders: BorderSet = .unicode) {
        grid.fill(layout.header, style: Style(.header))
        grid.put(text: "[header]", x: layout.header.x, y: layout.header.y, width: layout.header.width, style: Style(.header))
        grid.fill(layout.footer, style: Style(.footer))
        grid.put(text: "[footer]", x: layout.footer.x, y: layout.footer.y, width: layout.footer.width, style: Style(.footer))
        for frame in layout.panes {
            let title = "\(frame.pane.number) \(frame.pane.title(language))"
            if frame.presentation == .titleOnly {
                grid.drawTitledRule(frame.rect, title: title, focused: frame.isFocused, borders: borders)
            } else {
                grid.drawBox(frame.rect, title: title, focused: frame.isFocused, borders: borders)
            }
        }
    }

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
