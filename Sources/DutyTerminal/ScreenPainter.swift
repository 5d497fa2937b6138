import CNcursesw
import DutyUI

/// Copies a `CellGrid` into ncurses' window, cell by cell, sending only what
/// changed since the previous frame.
///
/// Why a diff here when ncurses diffs too: ncurses compares its window with
/// the screen, but every cell still has to be converted and handed to it.
/// Comparing with the previous grid first skips that work for the ~95 % of
/// cells that did not change, which is most of the cost of a frame.
///
/// - Wide glyphs (CJK, emoji) are written once, at their lead cell; the
///   continuation cell after them is skipped (ncurses fills it itself).
/// - A glyph whose width ncurses would compute differently from the grid
///   (an emoji made 2 wide by U+FE0F, a ZWJ sequence) is written so that
///   ncurses' column count matches the grid's: the base character alone,
///   padded with a blank. Columns never drift, whatever the terminal does.
/// - Control characters never reach the terminal: the grid is sanitised
///   already, but any C0/C1 code point left in a cell is drawn as U+FFFD.
/// - Styles are resolved through the theme once per distinct `Style` and
///   cached; colour pairs come from `ColorPairs`.
///
/// Used only on the terminal's queue.
final class ScreenPainter {
    private struct Resolved {
        var attributes: attr_t
        var pair: Int16
    }

    let depth: ColorDepth
    /// False when the terminal cannot show its own default colours
    /// (use_default_colors failed): default then means white on black.
    let defaultColors: Bool
    let pairs: ColorPairs

    private var previous: CellGrid?
    private var theme: Theme?
    private var resolved: [Style: Resolved] = [:]
    private var lastResolved: (Style, Resolved)?
    /// setcchar's input: up to CCHARW_MAX code points and a terminating 0.
    private let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: 8)
    private var cchar = cchar_t()
    private let replacement: wchar_t

    init(depth: ColorDepth, defaultColors: Bool, pairs: ColorPairs) {
        self.depth = depth
        self.defaultColors = defaultColors
        self.pairs = pairs
        replacement = dd_wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
    }

    deinit { buffer.deallocate() }

    /// Forgets the previous frame: the next `paint` writes every cell (after
    /// a resize, a theme change, or when the app asks).
    func invalidate() { previous = nil }

    /// Writes the grid's changed cells into `window` (clipped to the screen)
    /// and returns how many cells were written. Does not refresh.
    func paint(_ grid: CellGrid, theme newTheme: Theme, window: UnsafeMutablePointer<WINDOW>) -> Int {
        if theme != newTheme {
            theme = newTheme
            resolved.removeAll(keepingCapacity: true)
            lastResolved = nil
            previous = nil
        }
        let screenRows = Int(dd_lines()), screenCols = Int(dd_cols())
        let rows = min(grid.height, screenRows), cols = min(grid.width, screenCols)
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        let old = full ? [] : previous!.cells
        var written = 0
        grid.cells.withUnsafeBufferPointer { cur in
            old.withUnsafeBufferPointer { old in
                for y in 0..<rows {
                    let row = y * grid.width
                    var x = 0
                    while x < cols {
                        let i = row + x
                        let cell = cur[i]
                        var width = Int(cell.width)
                        if width == 0 {
                            // The continuation of the wide glyph on its left, which
                            // wrote it; an orphan (never made by CellGrid) is a blank.
                            if x > 0 && cur[i - 1].width == 2 { x += 1; continue }
                            width = 1
                        }
                        if full || !Self.same(cur, old, i) {
                            written += put(cell, width: width, x: x, y: y, cols: cols, window: window)
                        }
                        x += width
                    }
                }
            }
        }
        if full && (grid.width < screenCols || grid.height < screenRows) {
            written += blankOutside(width: grid.width, height: grid.height,
                                    screenCols: screenCols, screenRows: screenRows, window: window)
        }
        previous = grid
        return written
    }

    // MARK: - Cells

    /// Whether cell `i` is unchanged. Bitwise-identical cells are equal
    /// (same string storage or inline bytes, same width and style), which
    /// settles almost every cell with three loads instead of a call to
    /// String's ==; anything else falls back to ==.
    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<Cell>, _ b: UnsafeBufferPointer<Cell>, _ i: Int) -> Bool {
        if MemoryLayout<Cell>.size == 20 && MemoryLayout<Cell>.alignment >= 8 {
            let p = UnsafeRawPointer(a.baseAddress! + i), q = UnsafeRawPointer(b.baseAddress! + i)
            if p.load(as: UInt64.self) == q.load(as: UInt64.self)
                && p.load(fromByteOffset: 8, as: UInt64.self) == q.load(fromByteOffset: 8, as: UInt64.self)
                && p.load(fromByteOffset: 16, as: UInt32.self) == q.load(fromByteOffset: 16, as: UInt32.self) {
                return true
            }
        }
        return a[i] == b[i]
    }

    /// Writes one glyph of `width` columns at (x, y); returns cells written.
    private func put(_ cell: Cell, width: Int, x: Int, y: Int, cols: Int,
                     window: UnsafeMutablePointer<WINDOW>) -> Int {
        let style = resolve(cell.style)
        var drawn = cell.width == 0 ? blank() : load(cell.text)
        if drawn > width || x + drawn > cols { drawn = loadReplacement() }
        setcchar(&cchar, buffer, style.attributes, style.pair, nil)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cchar)
        var n = 1
        // Columns the grid gives the glyph but ncurses will not fill.
        var pad = x + drawn
        if pad < min(x + width, cols) {
            _ = blank()
            setcchar(&cchar, buffer, style.attributes, style.pair, nil)
            while pad < min(x + width, cols) {
                _ = mvwadd_wch(window, Int32(y), Int32(pad), &cchar)
                pad += 1
                n += 1
            }
        }
        return n
    }

    /// Puts the code points ncurses should draw for `text` into `buffer`;
    /// returns the columns ncurses will give them (1 or 2).
    private func load(_ text: String) -> Int {
        let utf8 = text.utf8
        if utf8.count == 1 {
            let b = utf8.first!
            guard b >= 0x20 && b < 0x7F else { return loadReplacement() }
            buffer[0] = wchar_t(b)
            buffer[1] = 0
            return 1
        }
        var n = 0
        var columns = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if Key.isControl(v) { return loadReplacement() }
            let w = dd_wcwidth(wchar_t(bitPattern: v))
            if n == 0 {
                guard w > 0 else { return loadReplacement() }
                buffer[0] = wchar_t(bitPattern: v)
                n = 1
                columns = Int(w)
                continue
            }
            // Only zero-width marks combine into the cell (setcchar's rule);
            // a ZWJ sequence or a skin tone is shown as its base emoji. U+FE0F
            // on a 1-column base ("❤️") is dropped: terminals that honour it
            // draw 2 columns where ncurses counts 1, shifting the row.
            if v == 0x200D || w != 0 || n >= Int(CCHARW_MAX) { break }
            if v == 0xFE0F && columns == 1 { continue }
            buffer[n] = wchar_t(bitPattern: v)
            n += 1
        }
        guard n > 0 else { return blank() }
        buffer[n] = 0
        return columns
    }

    private func loadReplacement() -> Int {
        buffer[0] = replacement
        buffer[1] = 0
        return 1
    }

    private func blank() -> Int {
        buffer[0] = 0x20
        buffer[1] = 0
        return 1
    }

    /// Blanks the screen outside the grid, in the background style, when the
    /// grid is smaller than the screen (drawn for a size that just changed).
    private func blankOutside(width: Int, height: Int, screenCols: Int, screenRows: Int,
                              window: UnsafeMutablePointer<WINDOW>) -> Int {
        let style = resolve(.background)
        _ = blank()
        setcchar(&cchar, buffer, style.attributes, style.pair, nil)
        var n = 0
        for y in 0..<screenRows {
            for x in (y < height ? width : 0)..<screenCols {
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cchar)
                n += 1
            }
        }
        return n
    }

    // MARK: - Styles

    private func resolve(_ style: Style) -> Resolved {
        if let last = lastResolved, last.0 == style { return last.1 }   // runs share a style
        let r = lookup(style)
        lastResolved = (style, r)
        return r
    }

    private func lookup(_ style: Style) -> Resolved {
        if let r = resolved[style] { return r }
        let ts = (theme ?? BuiltinThemes.mono).terminalStyle(style, depth: depth)
        var attributes = dd_a_normal()
        if ts.attributes.contains(.bold) { attributes |= dd_a_bold() }
        if ts.attributes.contains(.dim) { attributes |= dd_a_dim() }
        if ts.attributes.contains(.reverse) { attributes |= dd_a_reverse() }
        if ts.attributes.contains(.underline) { attributes |= dd_a_underline() }
        var pair = ColorPairs.defaultPair
        if depth != .none {
            var fg = ts.fg, bg = ts.bg
            if !defaultColors { fg = fg ?? 7; bg = bg ?? 0 }
            pair = pairs.pair(fg: fg, bg: bg)
        }
        let r = Resolved(attributes: attributes, pair: pair)
        resolved[style] = r
        return r
    }
}
