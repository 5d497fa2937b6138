
/// A colour theme: a `RoleStyle` for every `Role`.
///
/// Themes are data (TOML files in Themes/, see `ThemeFile`), with the
/// default and mono themes also compiled in (`BuiltinThemes`) so the console
/// works from any directory and under NO_COLOR. A theme is always complete:
/// roles a file leaves out come from the default theme.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var summary: String
    /// One entry per role (complete; see `init`).
    public private(set) var styles: [Role: RoleStyle]

    /// A theme from the roles given; every role not given is taken from
    /// `base` (the compiled-in default theme unless said otherwise).
    public init(name: String, summary: String = "", styles: [Role: RoleStyle], base: Theme = BuiltinThemes.dark) {
        self.name = name
        self.summary = summary
        var all = styles
        for role in Role.allCases where all[role] == nil { all[role] = base[role] }
        self.styles = all
    }

    /// A theme in which every role is the terminal's plain default: the base
    /// of the compiled-in themes, which state every role themselves.
    public static let plain = Theme(name: "plain", styles: [:], base: Theme(emptyNamed: "plain"))

    private init(emptyNamed name: String) {
        self.name = name
        self.summary = ""
        self.styles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, RoleStyle()) })
    }

    public subscript(role: Role) -> RoleStyle { styles[role] ?? RoleStyle() }

    /// True when any role names a colour; false for mono.
    public var usesColor: Bool {
        styles.values.contains { ($0.fg ?? .default) != .default || ($0.bg ?? .default) != .default }
    }

    /// The colours and attributes of a cell style: the role's own, with
    /// missing colours inherited; the style's extra attributes added; on the
    /// selected row, the selection's background and attributes under the
    /// role's own foreground (a red priority stays red when selected) —
    /// unless that foreground is the selection's background, when the
    /// selection's foreground is used instead. Reverse toggles: a reversed
    /// role on a reversed selection is drawn unreversed.
    public func resolve(_ style: Style) -> (fg: Color, bg: Color, attributes: Attributes) {
        let own = self[style.role]
        var fg = own.fg ?? self[.text].fg ?? .default
        var bg = own.bg ?? self[.background].bg ?? .default
        var attributes = own.attributes.union(style.attributes)
        if style.selected {
            let selection = self[.selection]
            if let sbg = selection.bg { bg = sbg }
            if own.fg == nil || fg == bg, let sfg = selection.fg { fg = sfg }
            if fg == bg { fg = self[.text].fg ?? .default }      // a cyan role on a cyan selection
            // Reverse on a reversed selection toggles back, so a reversed
            // role (mono's priority 1) still stands out on the selected row.
            if selection.attributes.contains(.reverse) && attributes.contains(.reverse) {
                attributes.remove(.reverse)
                attributes.formUnion(selection.attributes.subtracting(.reverse))
            } else {
                attributes.formUnion(selection.attributes)
            }
        }
        return (fg, bg, attributes)
    }

    /// The style mapped to what the terminal offers. When the nearest
    /// colours of foreground and background fall on the same palette entry
    /// (dark grey on near-black at 8 colours), the foreground takes the
    /// nearest other entry, so text never vanishes into its background.
    public func terminalStyle(_ style: Style, depth: ColorDepth) -> TerminalStyle {
        let (fg, bg, attributes) = resolve(style)
        let bgIndex = ColorMapping.index(for: bg, depth: depth)
        var fgIndex = ColorMapping.index(for: fg, depth: depth)
        if let f = fgIndex, f == bgIndex, fg != bg {
            fgIndex = ColorMapping.index(for: fg, depth: depth, avoiding: f)
        }
        return TerminalStyle(fg: fgIndex, bg: bgIndex, attributes: attributes)
    }
}

extension ColorMapping {
    /// The nearest palette entry other than `avoid` (see `Theme.terminalStyle`).
    public static func index(for color: Color, depth: ColorDepth, avoiding avoid: Int) -> Int? {
        guard let rgb = color.rgbValue else { return nil }
        let range: Range<Int> = switch depth {
        case .xterm256: 16..<256
        case .ansi16: 0..<16
        case .ansi8: 0..<8
        case .none: 0..<0
        }
        var best: Int? = nil
        var bestDistance = Int.max
        for i in range where i != avoid {
            let p = paletteRGB(i)
            let d = distance((rgb.r, rgb.g, rgb.b), (p.r, p.g, p.b))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
