import DutyCore
@testable import DutyUI

/// A layout's skeleton — the header and footer rows, each pane's titled
/// border, or the too-small message — drawn into a grid, so the layout tests
/// can see a layout as a text drawing (and the frame tests can draw on top
/// of it). Test-only: the console draws real panes, never a bare skeleton.
extension LayoutSketch {
    /// A grid of the layout's size with the skeleton drawn in.
    static func render(_ result: LayoutResult, language: Language = .zh,
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
    static func draw(_ layout: ScreenLayout, into grid: inout CellGrid,
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
}
