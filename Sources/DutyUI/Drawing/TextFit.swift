/// Horizontal placement of text inside a column.
public enum Alignment: String, Sendable, CaseIterable {
    case left, right, center
}

/// Fits text into a number of terminal columns: truncation with an ellipsis,
/// padding, alignment.
///
/// Every function works on glyphs (see `DisplayWidth`), never on characters
/// or bytes, so a CJK character is never split, a column that holds Chinese
/// is exactly as wide as one that holds ASCII, and what comes out is already
/// sanitized (no control character or escape sequence survives).
public enum TextFit {
    /// The mark left where text was cut: one column wide.
    public static let ellipsis = "…"
    /// The mark used when the locale cannot print the ellipsis (not UTF-8).
    public static let asciiEllipsis = "~"

    /// Display width of the text as it would be drawn.
    public static func width(_ s: String) -> Int { DisplayWidth.of(s) }

    /// The text cut to at most `columns` columns. When it has to be cut it
    /// ends with the ellipsis; a wide character that would straddle the limit
    /// is left out whole, so the result can be one column narrower than asked.
    public static func truncate(_ s: String, to columns: Int, ellipsis: String = TextFit.ellipsis) -> String {
        guard columns > 0 else { return "" }
        // Most cells fit and hold only ASCII and CJK: returned as they are,
        // without building glyphs (the same text the glyphs would join to).
        if let w = DisplayWidth.simpleWidth(s), w <= columns { return s }
        let glyphs = DisplayWidth.glyphs(s)
        let total = glyphs.reduce(0) { $0 + $1.width }
        if total <= columns { return glyphs.map(\.text).joined() }
        let printable = ellipsis.allSatisfy { DisplayWidth.measure($0) >= 0 }
        let mark = DisplayWidth.glyphs(printable ? ellipsis : asciiEllipsis)
        let markWidth = mark.reduce(0) { $0 + $1.width }
        if markWidth > columns { return clip(ellipsis, to: columns) }
        var out = ""
        var used = 0
        for g in glyphs {
            if used + g.width > columns - markWidth { break }
            out += g.text
            used += g.width
        }
        return out + mark.map(\.text).joined()
    }

    /// The text cut hard at `columns` (no ellipsis, for the edge of a screen
    /// or a rect); a wide character that does not fit whole is left out.
    public static func clip(_ s: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        var out = ""
        var used = 0
        DisplayWidth.forEachGlyph(in: s) { g in
            guard used + g.width <= columns else { return false }
            out += g.text
            used += g.width
            return true
        }
        return out
    }

    /// The text in exactly `columns` columns: truncated with the ellipsis
    /// when too wide, then padded with spaces on the side(s) the alignment
    /// leaves empty. This is what keeps table columns straight.
    public static func pad(_ s: String, to columns: Int, alignment: Alignment = .left,
                           ellipsis: String = TextFit.ellipsis) -> String {
        guard columns > 0 else { return "" }
        let cut = truncate(s, to: columns, ellipsis: ellipsis)
        let gap = columns - DisplayWidth.of(cut)
        switch alignment {
        case .left: return cut + spaces(gap)
        case .right: return spaces(gap) + cut
        case .center: return spaces(gap / 2) + cut + spaces(gap - gap / 2)
        }
    }

    /// Left-aligned in exactly `columns` columns.
    public static func leftAligned(_ s: String, _ columns: Int) -> String { pad(s, to: columns, alignment: .left) }

    /// Right-aligned in exactly `columns` columns (numbers, ages, counts).
    public static func rightAligned(_ s: String, _ columns: Int) -> String { pad(s, to: columns, alignment: .right) }

    /// Splits text into lines of at most `columns` columns, breaking at
    /// spaces where it can and anywhere between glyphs where it must (CJK text
    /// has no spaces). For messages, never for table cells.
    public static func wrap(_ s: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        var line: [Glyph] = []
        var width = 0
        var lastSpace: Int? = nil
        for g in DisplayWidth.glyphs(s) {
            while width + g.width > columns && !line.isEmpty {
                if let sp = lastSpace, g.text != " " {
                    lines.append(line[..<sp].map(\.text).joined())
                    line = Array(line[(sp + 1)...])
                } else {
                    lines.append(line.map(\.text).joined())
                    line = []
                }
                width = line.reduce(0) { $0 + $1.width }
                lastSpace = nil
            }
            if g.text == " " && line.isEmpty && !lines.isEmpty { continue }
            if g.width > columns { continue }
            if g.text == " " { lastSpace = line.count }
            line.append(g)
            width += g.width
        }
        if !line.isEmpty { lines.append(line.map(\.text).joined()) }
        return lines.map { trimTrailingSpaces($0) }
    }

    /// `s` cut to `columns` at a word boundary, ending in "…": a sentence
    /// (an error, a hint) is never cut inside a word. Text without a space
    /// in reach (Chinese) is cut at a character, as `truncate` does.
    public static func cutAtWord(_ s: String, width columns: Int) -> String {
        guard width(s) > columns, columns > 1 else { return s }
        let cut = truncate(s, to: columns, ellipsis: "")
        let body = cut.dropLast(1)
        guard let space = body.lastIndex(of: " "), body.distance(from: body.startIndex, to: space) > 0 else {
            return truncate(s, to: columns)
        }
        let head = String(body[..<space])
        // Chinese has no spaces: a space far back would throw most of the line away.
        guard width(head) * 3 >= columns * 2 else { return truncate(s, to: columns) }
        return head + ellipsis
    }

    static func spaces(_ n: Int) -> String { n > 0 ? String(repeating: " ", count: n) : "" }

    private static func trimTrailingSpaces(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
