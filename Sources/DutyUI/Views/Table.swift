
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

    /// The plan for a width: hide columns (by `hidePriority`) until the
    /// fixed and minimum widths fit, share the rest among flexible columns
    /// by weight; if it still does not fit, narrow the rightmost columns.
    public func plan(width: Int) -> TablePlan {
        var shown = Array(columns.indices)
        func natural(_ i: Int) -> Int {
            switch columns[i].width {
            case .fixed(let n): max(0, n)
            case .flexible(let m, _): max(0, m)
            }
        }
        func needed(_ cols: [Int]) -> Int { cols.map(natural).reduce(0, +) + gap * max(0, cols.count - 1) }
        while needed(shown) > width {
            let hideable = shown.filter { columns[$0].hidePriority != nil }
            guard let victim = hideable.max(by: { (columns[$0].hidePriority!, $0) < (columns[$1].hidePriority!, $1) })
            else { break }
            shown.removeAll { $0 == victim }
        }
        var widths = shown.map(natural)
        var extra = width - needed(shown)
        if extra > 0 {
            let flexible = shown.indices.compactMap { k -> (Int, Int)? in
                if case .flexible(_, let w) = columns[shown[k]].width { return (k, max(1, w)) }
                return nil
            }
            let totalWeight = flexible.reduce(0) { $0 + $1.1 }
            if totalWeight > 0 {
                var given = 0
                for (k, w) in flexible {
                    let share = extra * w / totalWeight
                    widths[k] += share; given += share
                }
                for (k, _) in flexible where given < extra { widths[k] += 1; given += 1 }
            }
        } else {
            // Too narrow even after hiding: take columns off the right.
            while extra < 0, let k = widths.indices.last {
                let take = min(widths[k], -extra)
                widths[k] -= take; extra += take
                if widths[k] == 0 {
                    widths.removeLast(); shown.removeLast()
                    if !widths.isEmpty { extra += gap }
                }
            }
        }
        var offsets: [Int] = []
        var x = 0
        for w in widths { offsets.append(x); x += w + gap }
        return TablePlan(columns: shown, widths: widths, offsets: offsets)
    }

    /// Draws the header (when shown) and as many rows as fit into `rect`.
    /// The row at index `selected` gets the selection style across its whole
    /// width, gaps included. Returns the number of data rows drawn.
    @discardableResult
    public func draw(rows: [TableRow], into grid: inout CellGrid, rect: Rect, selected: Int? = nil) -> Int {
        guard !rect.isEmpty else { return 0 }
        let plan = plan(width: rect.width)
        var y = rect.y
        if showsHeader {
            grid.fill(rect.row(0), style: Style(.columnHeader))
            for (k, i) in plan.columns.enumerated() {
                grid.putAligned(text: columns[i].title, x: rect.x + plan.offsets[k], y: y,
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
                let text = i < row.cells.count ? row.cells[i] : ""
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
