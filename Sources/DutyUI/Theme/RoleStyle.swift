/// How a theme draws one role. A colour left out (nil) is inherited when the
/// style is resolved: the foreground from the theme's `text` role, the
/// background from its `background` role — so a theme states only what
/// differs, and the screen background stays one colour.
public struct RoleStyle: Equatable, Hashable, Sendable {
    public var fg: Color?
    public var bg: Color?
    public var attributes: Attributes

    public init(fg: Color? = nil, bg: Color? = nil, _ attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
}

/// A style as the terminal backend applies it: palette indexes for the
/// terminal's colour depth (nil = the terminal's default colour, ncurses' -1)
/// and attributes. The backend allocates one colour pair per (fg, bg).
public struct TerminalStyle: Equatable, Hashable, Sendable {
    public var fg: Int?
    public var bg: Int?
    public var attributes: Attributes
    public init(fg: Int?, bg: Int?, attributes: Attributes) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }
}
