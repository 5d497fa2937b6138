/// Trend graphs drawn in text, as btop draws them: bars of block eighths
/// (▁▂▃▄▅▆▇█) or a filled area in braille dots (⣀⣤⣶⣿, two values a cell),
/// each with its scale on the left — the top value, the middle one when the
/// graph is tall enough, 0 at the bottom — and time labels underneath. Glyphs,
/// not colour, carry the shape, so a graph reads the same in the mono theme.
public enum Graph {
    /// How the values are drawn.
    public enum Kind: Equatable, Sendable {
        /// One bar per value, `barWidth` columns wide with a blank between
        /// bars when they are wider than one column; eighths of a row.
        case blocks
        /// Braille: two values a cell, four dots a row.
        case braille
    }

    /// A label under the time axis at value index `at`.
    public struct Tick: Equatable, Sendable {
        public var at: Int
        public var text: String
        public init(at: Int, _ text: String) { self.at = at; self.text = text }
    }

    /// The eighths of a block cell, from empty to full.
    static let eighths = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A "nice" top for the scale: the smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6,
    /// 8 × 10ⁿ at or above `value` (at least 1), so the labels — the top and
    /// its half — read as round numbers and the tallest bar nearly fills the graph.
    public static func niceMax(_ value: Double) -> Double {
        guard value > 1 else { return 1 }
        var step = 1.0
        while step * 10 <= value { step *= 10 }
        for m in [1.0, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where m * step >= value { return m * step }
        return 10 * step
    }

    /// A scale value as its label: whole numbers without decimals, "2.5" else.
    static func label(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format1: v)
    }

    /// Columns the scale on the left takes for a top value (label and "┤").
    public static func scaleWidth(top: Double) -> Int { TextFit.width(label(top)) + 1 }

    /// A bar's width and the blank after it.
    public struct Bars: Equatable, Sendable {
        public var width: Int
        public var gap: Int
        public init(width: Int, gap: Int) { self.width = width; self.gap = gap }
        var step: Int { width + gap }
    }

    /// How many values fit in `columns` of plot (after the scale).
    public static func capacity(_ style: Kind, columns: Int, bars: Bars = Bars(width: 1, gap: 0)) -> Int {
        switch style {
        case .blocks: max(0, (columns + bars.gap) / bars.step)
        case .braille: max(0, columns * 2)
        }
    }

    /// The widest bars (≤ 8) that still fit `count` values in `columns`:
    /// with a blank between them when they are two or more wide and there is
    /// room, else touching.
    public static func bars(count: Int, columns: Int) -> Bars {
        for w in stride(from: 8, through: 2, by: -1) where count * (w + 1) - 1 <= columns { return Bars(width: w, gap: 1) }
        for w in stride(from: 3, through: 2, by: -1) where count * w <= columns { return Bars(width: w, gap: 0) }
        return Bars(width: 1, gap: 0)
    }

    /// Braille dot columns per value: as many as spread the values over the plot.
    public static func dotsPerValue(count: Int, columns: Int) -> Int { max(1, columns * 2 / max(1, count)) }

    /// Draws `values` (the latest last) into `rect`: the scale at the left,
    /// the plot, and, when `ticks` is not empty and the rect has a spare row,
    /// the time labels in the bottom row. Values that do not fit are dropped
    /// from the oldest end, and the ticks move with them. `top`: the scale's
    /// top (nil: `niceMax` of the largest value). `role`: the plot's role.
    /// Returns the scale's top used.
    @discardableResult
    public static func draw(_ values: [Double], style: Kind, top: Double? = nil, ticks: [Tick] = [],
                            role: Role = .barFill, into grid: inout CellGrid, rect: Rect) -> Double {
        let scaleTop = top ?? niceMax(values.max() ?? 0)
        let plotRows = ticks.isEmpty || rect.height < 3 ? rect.height : rect.height - 1
        let scale = scaleWidth(top: scaleTop)
        guard plotRows >= 1, rect.width > scale + 1 else { return scaleTop }
        drawScale(top: scaleTop, x: rect.x, y: rect.y, rows: plotRows, width: scale, into: &grid)
        let plot = Rect(x: rect.x + scale, y: rect.y, width: rect.width - scale, height: plotRows)
        let bar = style == .blocks ? bars(count: values.count, columns: plot.width) : Bars(width: 1, gap: 0)
        let shown = Array(values.suffix(capacity(style, columns: plot.width, bars: bar)))
        let spread = style == .braille ? dotsPerValue(count: shown.count, columns: plot.width) : 1
        let dropped = values.count - shown.count
        switch style {
        case .blocks: drawBlocks(shown, top: scaleTop, bars: bar, role: role, into: &grid, rect: plot)
        case .braille:
            drawBraille(shown.flatMap { Array(repeating: $0, count: spread) }, top: scaleTop, role: role, into: &grid, rect: plot)
        }
        if plotRows < rect.height {
            let axis = Rect(x: plot.x, y: plot.maxY, width: plot.width, height: 1)
            let column: (Int) -> Int = { i in
                switch style {
                case .blocks: i * bar.step
                case .braille: i * spread / 2
                }
            }
            drawTicks(ticks.compactMap { $0.at >= dropped ? Tick(at: column($0.at - dropped), $0.text) : nil },
                      into: &grid, rect: axis)
        }
        return scaleTop
    }

    /// "12┤" at the top row (its upper edge), "0┤" at the bottom (its lower
    /// edge), and the middle value on the row whose lower edge is half-way
    /// when the rows are even and at least four; "│" between.
    static func drawScale(top: Double, x: Int, y: Int, rows: Int, width: Int, into grid: inout CellGrid) {
        for r in 0..<rows {
            let value: Double? = r == 0 ? top : r == rows - 1 ? 0 : (rows >= 4 && rows % 2 == 0 && r == rows / 2 - 1 ? top / 2 : nil)
            let mark = value == nil ? "│" : "┤"
            let text = TextFit.rightAligned(value.map(label) ?? "", width - 1) + mark
            grid.put(text: text, x: x, y: y + r, width: width, style: Style(.dim))
        }
    }

    /// Bars of eighths: the height of value v is v / top of the rows, in eighths.
    static func drawBlocks(_ values: [Double], top: Double, bars: Bars, role: Role, into grid: inout CellGrid, rect: Rect) {
        let totalEighths = rect.height * 8
        let barWidth = bars.width
        for (i, v) in values.enumerated() {
            let x = rect.x + i * bars.step
            var filled = top > 0 ? Int((max(0, v) / top * Double(totalEighths)).rounded()) : 0
            if v > 0 && filled == 0 { filled = 1 }   // something happened: never an empty cell
            filled = min(filled, totalEighths)
            for r in 0..<rect.height {
                let fromBottom = rect.height - 1 - r
                let here = max(0, min(8, filled - fromBottom * 8))
                guard here > 0 else { continue }
                let cell = Cell(eighths[here], width: 1, style: Style(role))
                for dx in 0..<barWidth where x + dx < rect.maxX { grid.setClipped(x: x + dx, y: rect.y + r, cell) }
            }
        }
    }

    /// Braille dots filled from the bottom: left column dots 7,3,2,1 and
    /// right column 8,6,5,4 (bottom first) of each cell, two values a cell.
    static func drawBraille(_ values: [Double], top: Double, role: Role, into grid: inout CellGrid, rect: Rect) {
        let left: [UInt32] = [0x40, 0x04, 0x02, 0x01], right: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        let totalDots = rect.height * 4
        let dots = values.map { v -> Int in
            var d = top > 0 ? Int((max(0, v) / top * Double(totalDots)).rounded()) : 0
            if v > 0 && d == 0 { d = 1 }
            return min(d, totalDots)
        }
        for cell in 0..<((dots.count + 1) / 2) {
            let l = dots[cell * 2], r = cell * 2 + 1 < dots.count ? dots[cell * 2 + 1] : 0
            for row in 0..<rect.height {
                let fromBottom = rect.height - 1 - row
                let ln = max(0, min(4, l - fromBottom * 4)), rn = max(0, min(4, r - fromBottom * 4))
                guard ln + rn > 0 else { continue }
                var bits: UInt32 = 0
                for k in 0..<ln { bits |= left[k] }
                for k in 0..<rn { bits |= right[k] }
                guard let scalar = Unicode.Scalar(0x2800 + bits) else { continue }
                grid.setClipped(x: rect.x + cell, y: rect.y + row, Cell(String(Character(scalar)), width: 1, style: Style(role)))
            }
        }
    }

    /// Labels under the plot, each starting at its column; one that would
    /// overlap the label before it (or run past the edge) is left out.
    static func drawTicks(_ ticks: [Tick], into grid: inout CellGrid, rect: Rect) {
        var free = rect.x
        for tick in ticks {
            let x = rect.x + tick.at
            let w = TextFit.width(tick.text)
            guard x >= free, x + w <= rect.maxX else { continue }
            grid.put(text: tick.text, x: x, y: rect.y, width: w, style: Style(.dim))
            free = x + w + 1
        }
    }
}

extension String {
    /// One decimal place, without Foundation ("2.5").
    init(format1 v: Double) {
        let tenths = Int((v * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}

extension CellGrid {
    /// Sets one cell of width 1 known to need no measuring (a block or
    /// braille glyph), when it is on the grid: a graph's thousands of cells
    /// skip the glyph segmentation `put` does for text.
    mutating func setClipped(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        set(x: x, y: y, cell)
    }
}
