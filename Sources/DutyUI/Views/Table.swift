
/// One row: its cells (one string per column, missing ones blank), the
/// row's style, and optional roles for single cells (a priority in red, a
/// time left in the overdue role) that keep the row's selection.
public struct TableRow: Equatable, Sendable {
    public var cells: [String]
    public var style: Style
    public var cellRoles: [Int: Role]

    public init(_ cells: [String], style: Style = .text, cellRoles: [Int: Role] = [:]) {
        self.cells = cells; self.style = style; self.cellRoles = cellRoles
    }
}

/// Which columns are shown, how wide, and where: the table's plan for one
/// width. Pure, so panes and tests can ask where a column is (mouse clicks,
/// alignment checks) without drawing.
public struct TablePlan: Equatable, Sendable {
    /// Indexes into the table's columns, left to right.
    public var columns: [Int]
    public var widths: [Int]
    /// Offset of each shown column from the table's left edge.
    public var offsets: [Int]

    /// Offset and width of column `index` (of the table's columns), nil when hidden.
    public func placement(of index: Int) -> (offset: Int, width: Int)? {
        guard let i = columns.firstIndex(of: index) else { return nil }
        return (offsets[i], widths[i])
    }
}

/// Draws rows of strings as aligned columns into a rect of the grid.
///
/// Every cell is fitted with `TextFit.pad`, so each column is exactly its
/// width in terminal columns whatever mix of CJK, ASCII and emoji it holds,
/// text too long ends in an ellipsis, and control characters from feeds are
/// shown as replacements. Panes build rows from their view models and call
/// `draw`; scrolling is theirs (they pass the visible rows).
public struct Table: Equatable, Sendable {
    public var columns: [TableColumn]
    /// Blank columns between two columns.
    public var gap: Int
    /// Whether the first row of the rect shows the column titles.
    public var showsHeader: Bool

    public init(columns: [TableColumn], gap: Int = 1, showsHeader: Bool = true) {
        self.columns = columns; self.gap = gap; self.showsHeader = showsHeader
    }

    /// Rows of data that fit in a rect of this height.
    public func bodyRows(height: Int) -> Int { max(0, height - (showsHeader ? 1 : 0)) }

    /// The plan for a width, sized from `rows` (the visible ones) by
    /// `ColumnFit`: content columns as wide as what they hold, by priority,
    /// flexible columns sharing the rest.
    public func plan(width: Int, rows: some Collection<TableRow> = [TableRow]()) -> TablePlan {
        ColumnFit.plan(columns, gap: gap, width: width,
                       wanted: ColumnFit.wanted(columns, rows: rows, titles: showsHeader), titles: titleWidths)
    }

    /// The width of each column's title when the header is shown.
    var titleWidths: [Int] { showsHeader ? columns.map { ColumnFit.width($0.title) } : [] }

    /// Draws the header (when shown) and as many rows as fit into `rect`.
    /// The row at index `selected` gets the selection style across its whole
    /// width, gaps included. Returns the number of data rows drawn.
    @discardableResult
    public func draw(rows: [TableRow], into grid: inout CellGrid, rect: Rect, selected: Int? = nil) -> Int {
        guard !rect.isEmpty else { return 0 }
        let wanted = ColumnFit.wanted(columns, rows: rows.prefix(bodyRows(height: rect.height)), titles: showsHeader)
        let plan = ColumnFit.plan(columns, gap: gap, width: rect.width, wanted: wanted, titles: titleWidths)
        // A column narrower than its content shows labels in their short
        // forms (English) before cutting them; others are drawn as they are.
        let squeezed = plan.columns.indices.map { k in plan.columns[k] < wanted.count && plan.widths[k] < wanted[plan.columns[k]] }
        var y = rect.y
        if showsHeader {
            grid.fill(rect.row(0), style: Style(.columnHeader))
            for (k, i) in plan.columns.enumerated() {
                grid.putAligned(text: Abbreviations.fit(columns[i].title, width: plan.widths[k]), x: rect.x + plan.offsets[k], y: y,
                                width: plan.widths[k], alignment: columns[i].alignment, style: Style(.columnHeader))
            }
            y += 1
        }
        var drawn = 0
        for (r, row) in rows.enumerated() where y < rect.maxY {
            let isSelected = r == selected
            let rowStyle = row.style.selecting(isSelected)
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle)
            for (k, i) in plan.columns.enumerated() {
                var text = i < row.cells.count ? row.cells[i] : ""
                if squeezed[k] { text = Abbreviations.fit(text, width: plan.widths[k]) }
                var style = rowStyle
                if let role = row.cellRoles[i] { style.role = role }
                grid.putAligned(text: text, x: rect.x + plan.offsets[k], y: y, width: plan.widths[k],
                                alignment: columns[i].alignment, style: style)
            }
            y += 1
            drawn += 1
        }
        return drawn
    }
}
