/// The characters a border is drawn with.
///
/// Box-drawing characters are one column wide by `wcwidth` in every UTF-8
/// locale glibc ships, so borders line up with the text measured beside them.
/// The focused pane gets heavy lines, so focus shows without colour (mono
/// theme, NO_COLOR); the ASCII sets are for layout sketches and terminals
/// that cannot draw Unicode.
public struct BoxGlyphs: Equatable, Sendable {
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String

    public init(horizontal: String, vertical: String, topLeft: String, topRight: String,
                bottomLeft: String, bottomRight: String) {
        self.horizontal = horizontal; self.vertical = vertical
        self.topLeft = topLeft; self.topRight = topRight
        self.bottomLeft = bottomLeft; self.bottomRight = bottomRight
    }

    public static let single = BoxGlyphs(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                         bottomLeft: "└", bottomRight: "┘")
    public static let heavy = BoxGlyphs(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                        bottomLeft: "┗", bottomRight: "┛")
    public static let ascii = BoxGlyphs(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
                                        bottomLeft: "+", bottomRight: "+")
    public static let asciiHeavy = BoxGlyphs(horizontal: "=", vertical: "#", topLeft: "#", topRight: "#",
                                             bottomLeft: "#", bottomRight: "#")
}

/// Which glyph sets borders use: Unicode on a UTF-8 terminal, ASCII otherwise.
public struct BorderSet: Equatable, Sendable {
    public var normal: BoxGlyphs
    public var focused: BoxGlyphs
    public init(normal: BoxGlyphs, focused: BoxGlyphs) { self.normal = normal; self.focused = focused }

    public static let unicode = BorderSet(normal: .single, focused: .heavy)
    public static let ascii = BorderSet(normal: .ascii, focused: .asciiHeavy)

    public func glyphs(focused isFocused: Bool) -> BoxGlyphs { isFocused ? focused : normal }
}

extension CellGrid {
    /// Draws a border around `rect` with an optional title in its top edge:
    /// `┌─ 网格事件 ─────┐`. The focused variant uses heavy lines and the
    /// focus roles. The title is truncated with an ellipsis to fit, never
    /// split inside a wide character; `badge` (e.g. a count) follows the
    /// title in the border role. The inside is not touched. Returns the inside.
    @discardableResult
    public mutating func drawBox(_ rect: Rect, title: String? = nil, badge: String? = nil,
                                 focused: Bool = false, borders: BorderSet = .unicode) -> Rect {
        guard rect.width >= 2, rect.height >= 1 else { return .zero }
        let g = borders.glyphs(focused: focused)
        let border = Style(focused ? .focusBorder : .border)
        horizontalRule(x: rect.x, y: rect.y, width: rect.width, glyphs: g, left: g.topLeft, right: g.topRight, style: border)
        if rect.height >= 2 {
            horizontalRule(x: rect.x, y: rect.maxY - 1, width: rect.width, glyphs: g,
                           left: g.bottomLeft, right: g.bottomRight, style: border)
        }
        if rect.height >= 3 {
            for y in (rect.y + 1)..<(rect.maxY - 1) {
                put(text: g.vertical, x: rect.x, y: y, width: 1, style: border)
                put(text: g.vertical, x: rect.maxX - 1, y: y, width: 1, style: border)
            }
        }
        if let title {
            drawTitle(title, badge: badge, x: rect.x + 1, y: rect.y, width: rect.width - 2, focused: focused)
        }
        return rect.inset(by: 1)
    }

    /// A one-row rule with a title, `── 执法任务 · 12 ───────`: how a pane
    /// collapsed to a single row is shown.
    public mutating func drawTitledRule(_ rect: Rect, title: String, badge: String? = nil,
                                        focused: Bool = false, borders: BorderSet = .unicode) {
        guard rect.width >= 1, rect.height >= 1 else { return }
        let g = borders.glyphs(focused: focused)
        let style = Style(focused ? .focusBorder : .border)
        horizontalRule(x: rect.x, y: rect.y, width: rect.width, glyphs: g, left: g.horizontal,
                       right: g.horizontal, style: style)
        drawTitle(title, badge: badge, x: rect.x, y: rect.y, width: rect.width, focused: focused)
    }

    /// A horizontal line between `left` and `right` corner glyphs.
    mutating func horizontalRule(x: Int, y: Int, width: Int, glyphs g: BoxGlyphs,
                                 left: String, right: String, style: Style) {
        guard width > 0 else { return }
        put(text: left, x: x, y: y, width: 1, style: style)
        if width > 2 {
            put(text: String(repeating: g.horizontal, count: width - 2), x: x + 1, y: y, width: width - 2, style: style)
        }
        if width > 1 { put(text: right, x: x + width - 1, y: y, width: 1, style: style) }
    }

    /// " title badge " written over a border row, one column in from `x`.
    private mutating func drawTitle(_ title: String, badge: String?, x: Int, y: Int, width: Int, focused: Bool) {
        let room = width - 1            // keep one rule glyph before the title
        guard room >= 3 else { return }
        let badgeText = badge.map { " " + $0 } ?? ""
        let badgeWidth = TextFit.width(badgeText)
        let titleRoom = room - 2 - (badgeWidth <= room / 2 ? badgeWidth : 0)
        guard titleRoom >= 1 else { return }
        let shown = TextFit.truncate(title, to: titleRoom)
        var col = x + 1
        col += put(text: " ", x: col, y: y, width: 1, style: Style(focused ? .focusBorder : .border))
        col += put(text: shown, x: col, y: y, width: titleRoom,
                   style: Style(focused ? .focusTitle : .title))
        if badgeWidth <= room / 2, !badgeText.isEmpty {
            col += put(text: badgeText, x: col, y: y, width: badgeWidth, style: Style(focused ? .focusBorder : .border))
        }
        put(text: " ", x: col, y: y, width: 1, style: Style(focused ? .focusBorder : .border))
    }
}
