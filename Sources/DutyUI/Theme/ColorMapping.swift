/// How many colours the terminal offers (ncurses' `COLORS`).
public enum ColorDepth: Int, Sendable, CaseIterable, Comparable {
    /// No colour: everything in the terminal's default colours.
    case none = 0
    case ansi8 = 8
    case ansi16 = 16
    case xterm256 = 256

    /// From ncurses' `COLORS` (or terminfo `colors`).
    public init(colors: Int) {
        switch colors {
        case 256...: self = .xterm256
        case 16..<256: self = .ansi16
        case 8..<16: self = .ansi8
        default: self = .none
        }
    }

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
}

/// Maps theme colours to the palette the terminal has: the nearest colour of
/// the xterm 256 palette, else of the 16 ANSI colours, else of the first 8.
/// Pure functions over xterm's default palette, so a theme written once in
/// RGB looks as close as each terminal allows, and tests can pin it.
public enum ColorMapping {
    /// The palette index to draw `color` with at `depth`; nil means the
    /// terminal's default colour (ncurses' -1).
    public static func index(for color: Color, depth: ColorDepth) -> Int? {
        if depth == .none { return nil }
        switch color {
        case .default:
            return nil
        case .ansi(let i):
            return depth == .ansi8 ? Int(i) & 7 : Int(i) & 15
        case .indexed(let i):
            switch depth {
            case .xterm256: return Int(i)
            case .ansi16: return i < 16 ? Int(i) : nearest16(paletteRGB(Int(i)))
            default: return i < 16 ? Int(i) & 7 : nearest8(paletteRGB(Int(i)))
            }
        case .rgb(let r, let g, let b):
            switch depth {
            case .xterm256: return nearest256((r, g, b))
            case .ansi16: return nearest16((r, g, b))
            default: return nearest8((r, g, b))
            }
        }
    }

    /// Nearest of the xterm colours 16–255 (the 6×6×6 cube and the grey
    /// ramp). Indexes 0–15 are left out: terminals let users redefine them,
    /// so only the upper 240 are the colours they claim to be.
    public static func nearest256(_ c: (UInt8, UInt8, UInt8)) -> Int { nearest(c, in: 16..<256) }

    /// Nearest of the 16 ANSI colours as xterm draws them by default.
    public static func nearest16(_ c: (UInt8, UInt8, UInt8)) -> Int { nearest(c, in: 0..<16) }

    /// Nearest of the 8 basic ANSI colours.
    public static func nearest8(_ c: (UInt8, UInt8, UInt8)) -> Int { nearest(c, in: 0..<8) }

    /// The RGB value of xterm palette entry `i` (0–255).
    public static func paletteRGB(_ i: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        switch i {
        case 0..<16:
            return ansi[i]
        case 16..<232:
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let v = UInt8(8 + 10 * (min(i, 255) - 232))
            return (v, v, v)
        }
    }

    /// xterm's default 16 colours.
    static let ansi: [(r: UInt8, g: UInt8, b: UInt8)] = [
        (0x00, 0x00, 0x00), (0xcd, 0x00, 0x00), (0x00, 0xcd, 0x00), (0xcd, 0xcd, 0x00),
        (0x00, 0x00, 0xee), (0xcd, 0x00, 0xcd), (0x00, 0xcd, 0xcd), (0xe5, 0xe5, 0xe5),
        (0x7f, 0x7f, 0x7f), (0xff, 0x00, 0x00), (0x00, 0xff, 0x00), (0xff, 0xff, 0x00),
        (0x5c, 0x5c, 0xff), (0xff, 0x00, 0xff), (0x00, 0xff, 0xff), (0xff, 0xff, 0xff),
    ]

    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// Squared "redmean" distance: Euclidean RGB weighted the way the eye
    /// weighs red, green and blue differences, cheap and good enough to pick
    /// among palette entries.
    public static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let rMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }

    private static func nearest(_ c: (UInt8, UInt8, UInt8), in range: Range<Int>) -> Int {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let p = paletteRGB(i)
            let d = distance(c, (p.r, p.g, p.b))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
