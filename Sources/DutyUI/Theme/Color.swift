/// A colour as a theme names it: an exact RGB value, one of the 16 ANSI
/// colours by name, an xterm-256 palette index, or the terminal's own default
/// (which keeps the user's background and transparency).
///
/// Themes are written in RGB so they read the same everywhere; `ColorMapping`
/// turns them into what the terminal can show.
public enum Color: Equatable, Hashable, Sendable, CustomStringConvertible {
    case `default`
    /// 0–15: black, red, green, yellow, blue, magenta, cyan, white, then the bright ones.
    case ansi(UInt8)
    /// 0–255 in the xterm palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    /// The ANSI names, index = colour number; "bright_black" is also "gray"/"grey".
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow",
        "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Parses a theme value: `#RRGGBB`, `#RGB`, an ANSI name (`red`,
    /// `bright_blue`, `gray`), `color123` for an xterm palette
    /// index, or `default` / `none`. Case and `-`/`_`/space are not significant
    /// in names. Nil when it is none of these.
    public init?(parsing raw: String) {
        let s = raw.trimmingSpaces.lowercased()
        if s.hasPrefix("#") {
            let hex = Array(s.dropFirst())
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            func v(_ a: Character, _ b: Character) -> UInt8 { UInt8(String([a, b]), radix: 16)! }
            switch hex.count {
            case 6: self = .rgb(v(hex[0], hex[1]), v(hex[2], hex[3]), v(hex[4], hex[5]))
            case 3: self = .rgb(v(hex[0], hex[0]), v(hex[1], hex[1]), v(hex[2], hex[2]))
            default: return nil
            }
            return
        }
        let name = String(s.map { $0 == "-" || $0 == " " ? "_" : $0 })
        if name == "default" || name == "none" { self = .default; return }
        if name == "gray" || name == "grey" { self = .ansi(8); return }
        if let i = Self.ansiNames.firstIndex(of: name) { self = .ansi(UInt8(i)); return }
        if name.hasPrefix("color"), let n = UInt8(name.dropFirst(5)) { self = .indexed(n); return }
        return nil
    }

    /// The form a theme file would use.
    public var description: String {
        switch self {
        case .default: "default"
        case .ansi(let i): Self.ansiNames[Int(i) & 15]
        case .indexed(let i): "color\(i)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { Self.hex2($0) }.joined()
        }
    }

    /// The RGB value this colour shows as on a standard xterm (nil for the
    /// terminal default, which only the terminal knows).
    public var rgbValue: (r: UInt8, g: UInt8, b: UInt8)? {
        switch self {
        case .default: nil
        case .ansi(let i): ColorMapping.paletteRGB(Int(i) & 15)
        case .indexed(let i): ColorMapping.paletteRGB(Int(i))
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }

    private static func hex2(_ v: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4)], digits[Int(v & 15)]])
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
