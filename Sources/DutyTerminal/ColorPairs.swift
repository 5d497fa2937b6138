import DutyUI

/// Colour pairs, allocated on demand and cached by (foreground, background).
///
/// ncurses draws a cell with a *pair* number, not two colours, and a terminal
/// offers a limited number of pairs (64 on an 8-colour terminal, 32 767
/// usable through the classic API on xterm-256color). A theme uses a few
/// dozen combinations, so pairs are created the first time a combination is
/// drawn and reused ever after. Should the terminal run out, a combination
/// gets the nearest pair that exists (by the same perceptual distance the
/// themes are mapped with) rather than failing, and pair 0 (the terminal's
/// default colours) when nothing comes close.
///
/// Not thread-safe: used on the terminal's queue only. The ncurses call is
/// injected so the policy can be tested without a screen.
final class ColorPairs {
    /// A colour combination: palette indexes, nil = the terminal's default.
    struct Combination: Hashable {
        var fg: Int?
        var bg: Int?
    }

    /// Pair 0 is always (default, default); it is never redefined.
    static let defaultPair: Int16 = 0

    private var pairs: [Combination: Int16] = [Combination(fg: nil, bg: nil): 0]
    /// Combinations that really own a pair (fallbacks are cached in `pairs` too).
    private var owned: [(Combination, Int16)] = []
    private var next: Int = 1
    /// One past the highest pair number that may be defined.
    let limit: Int
    private let define: (Int16, Int16, Int16) -> Bool

    /// - Parameters:
    ///   - limit: ncurses' COLOR_PAIRS (clamped to what a `short` holds).
    ///   - define: creates pair n as (fg, bg), -1 meaning the default colour;
    ///     returns false when ncurses refuses.
    init(limit: Int, define: @escaping (Int16, Int16, Int16) -> Bool) {
        self.limit = max(1, min(limit, Int(Int16.max)))
        self.define = define
    }

    /// Pairs defined so far (not counting pair 0).
    var allocated: Int { owned.count }

    /// The pair for a combination, defining it if needed.
    func pair(fg: Int?, bg: Int?) -> Int16 {
        let key = Combination(fg: fg, bg: bg)
        if let p = pairs[key] { return p }
        if next < limit, define(Int16(next), Int16(fg ?? -1), Int16(bg ?? -1)) {
            let p = Int16(next)
            next += 1
            pairs[key] = p
            owned.append((key, p))
            return p
        }
        let p = nearest(to: key)
        pairs[key] = p
        return p
    }

    /// The existing pair closest to a combination: background weighs as much
    /// as foreground; a default colour only matches a default colour.
    private func nearest(to key: Combination) -> Int16 {
        var best = Self.defaultPair
        var bestCost = Self.cost(key.fg, nil) + Self.cost(key.bg, nil)
        for (combination, p) in owned {
            let c = Self.cost(key.fg, combination.fg) + Self.cost(key.bg, combination.bg)
            if c < bestCost { best = p; bestCost = c }
        }
        return best
    }

    private static let mismatch = 1 << 40

    private static func cost(_ a: Int?, _ b: Int?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _), (_, nil): return mismatch
        case let (x?, y?):
            if x == y { return 0 }
            let p = ColorMapping.paletteRGB(x), q = ColorMapping.paletteRGB(y)
            return ColorMapping.distance((p.r, p.g, p.b), (q.r, q.g, q.b))
        }
    }
}
