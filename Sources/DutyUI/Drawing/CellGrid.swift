/// One screen cell: the glyph drawn there, its display width and its style.
///
/// A wide (CJK, emoji) glyph occupies its own cell (width 2) plus the cell to
/// its right, a continuation of width 0 with no text; so every row always
/// covers exactly `width` columns and a column index is a screen column.
public struct Cell: Equatable, Sendable {
    /// One glyph (a grapheme cluster or its visible replacement); "" in a
    /// continuation cell.
    public var text: String
    /// 1 or 2; 0 for the continuation of a wide glyph.
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .background) {
        self.text = text; self.width = width; self.style = style
    }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }

    static func blank(_ style: Style) -> Cell { Cell(" ", width: 1, style: style) }
    static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }
}

/// An in-memory screen that layouts and panes draw into. The terminal backend
/// only copies it out (and can diff two grids to send only what changed);
/// tests compare it as text. Nothing here touches a terminal.
///
/// Every write keeps the grid consistent: a wide glyph is never split, and
/// overwriting either half of one blanks the other half, so the text of a row
/// is always exactly `width` columns wide.
/// A cell's position on the grid.
public struct GridPoint: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should stand, shown, while text is typed
    /// into a form (an input method opens its candidates at the cursor); nil:
    /// hidden, as everywhere else.
    public var cursor: GridPoint?

    /// The whole grid as a rect, for clipping and layout.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public init(width: Int, height: Int, style: Style = .background) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell \(x),\(y) outside \(width)x\(height)")
        return cells[y * width + x]
    }

    // MARK: - Writing

    /// Writes text from column `x` of row `y`, clipped to `width` columns
    /// (default: to the right edge) and to the grid. Text is sanitized first:
    /// control characters show as visible replacements. A wide glyph that
    /// would cross the limit or the grid's edge is not drawn in half: a blank
    /// takes its visible column. No ellipsis: use `putAligned` for that.
    /// Returns the columns advanced from `x`, at most `width`.
    @discardableResult
    public mutating func put(text: String, x: Int, y: Int, width limit: Int? = nil, style: Style = .text) -> Int {
        guard y >= 0 && y < height else { return 0 }
        let end = limit.map { min(width, x + max(0, $0)) } ?? width
        var col = x
        DisplayWidth.forEachGlyph(in: text) { g in
            if col >= end { return false }
            let w = g.width
            if col >= 0 && col + w <= end {
                set(x: col, y: y, Cell(g.text, width: UInt8(w), style: style))
            } else if col + w > end {
                if col >= 0 { set(x: col, y: y, .blank(style)) }   // cut at the right edge
                col = end
                return false
            } else if col + w > 0 {
                set(x: 0, y: y, .blank(style))                      // cut at the left edge
            }
            col += w
            return true
        }
        return max(0, col - x)
    }

    /// Writes text in exactly `width` columns: truncated with an ellipsis
    /// when too wide, padded by the alignment otherwise. Table cells use it.
    public mutating func putAligned(text: String, x: Int, y: Int, width: Int,
                                    alignment: Alignment = .left, style: Style = .text) {
        guard width > 0 else { return }
        put(text: TextFit.pad(text, to: width, alignment: alignment), x: x, y: y, width: width, style: style)
    }

    /// Fills a rect (clipped to the grid) with one character, blanks by default.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .background) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let glyph = DisplayWidth.glyphs(String(character)).first ?? Glyph(" ", width: 1)
        for y in r.y..<r.maxY {
            var x = r.x
            while x + glyph.width <= r.maxX {
                set(x: x, y: y, Cell(glyph.text, width: UInt8(glyph.width), style: style))
                x += glyph.width
            }
            if x < r.maxX { set(x: x, y: y, .blank(style)) }
        }
    }

    /// Blanks the whole grid.
    public mutating func clear(style: Style = .background) { fill(bounds, style: style) }

    /// Changes the style of every cell in a rect, keeping its text (e.g. to
    /// mark a selected row after drawing it).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// Sets one cell, repairing the wide glyphs it cuts into. `cell` must be
    /// of width 1 or 2, and a width-2 cell needs room for its continuation.
    mutating func set(x: Int, y: Int, _ cell: Cell) {
        let i = y * width + x
        let old = cells[i]
        if old.width == 0 && x > 0 && cells[i - 1].width == 2 {
            cells[i - 1] = .blank(cells[i - 1].style)               // right half overwritten
        }
        if old.width == 2 && x + 1 < width && cell.width != 2 {
            cells[i + 1] = .blank(cells[i + 1].style)               // left half overwritten
        }
        cells[i] = cell
        guard cell.width == 2 else { return }
        precondition(x + 1 < width, "wide glyph at the last column")
        if cells[i + 1].width == 2 && x + 2 < width {
            cells[i + 2] = .blank(cells[i + 2].style)
        }
        cells[i + 1] = .continuation(cell.style)
    }

    // MARK: - Reading as text

    /// Row `y` as text: each wide glyph once, continuations skipped, so the
    /// string is exactly `width` columns wide.
    public func line(_ y: Int) -> String {
        var s = ""
        let start = y * width
        for i in start..<(start + width) where cells[i].width > 0 { s += cells[i].text }
        return s
    }

    /// Every row as text, for golden frames and assertions.
    public var lines: [String] { (0..<height).map(line) }

    /// The grid as one text block, a newline after each row.
    public var text: String { lines.map { $0 + "\n" }.joined() }

    /// One character per column describing each cell's style (both columns
    /// of a wide glyph get the same mark), for golden frames of what text alone
    /// cannot show: roles, selection, theme attributes.
    public func styleLines(_ mark: (Cell) -> Character) -> [String] {
        (0..<height).map { y in
            var s = ""
            var lead = Cell.blank
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width > 0 { lead = c }
                s.append(mark(c.width > 0 ? c : lead))
            }
            return s
        }
    }

    /// The column where the glyph covering column `x` of row `y` starts.
    public func glyphStart(x: Int, y: Int) -> Int {
        x > 0 && self[x, y].isContinuation ? x - 1 : x
    }
}
