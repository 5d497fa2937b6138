import DutyCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing drawn into one or two terminal columns: a grapheme cluster (or
/// its visible replacement) with the width the screen will give it.
public struct Glyph: Equatable, Sendable {
    public var text: String
    /// 1 or 2.
    public var width: Int
    public init(_ text: String, width: Int) { self.text = text; self.width = width }
}

/// Display width of text in terminal columns.
///
/// Widths come from libc's `wcwidth`, the function ncurses itself calls, so a
/// layout computed here and the screen ncurses draws agree column for column.
/// Text is measured per grapheme cluster (what a reader sees as one
/// character), because a cluster is drawn as one unit:
/// - a single scalar is `wcwidth` of it (CJK 2, ASCII 1, zero-width 0);
/// - a base with combining marks is the base's width;
/// - emoji sequences — a flag (two regional indicators), a ZWJ sequence, an
///   emoji with a skin-tone modifier or with U+FE0F (emoji presentation) —
///   are 2, which is how terminals draw them;
/// - a cluster whose base `wcwidth` calls unprintable (-1: a scalar newer than
///   libc's tables, or any non-ASCII text in a non-UTF-8 locale) is drawn as
///   one replacement character, so the screen stays aligned whatever comes.
///
/// `wcwidth` answers by the process's LC_CTYPE: call `ensureUTF8Locale()`
/// once before measuring.
public enum DisplayWidth {
    /// Width of one cluster as drawn: 0 (nothing drawn), 1 or 2. An
    /// unprintable cluster counts 1, the width of its replacement.
    public static func of(_ ch: Character) -> Int {
        let w = measure(ch)
        return w < 0 ? 1 : w
    }

    /// The width of text made only of what most cells hold — printable
    /// ASCII (ids, grid codes, times), CJK ideographs (U+4E00–U+9FFF: towns,
    /// titles, statuses) and fullwidth forms (U+FF01–U+FF3F: `：`, `（`) —
    /// read from its bytes, without building glyphs; nil for anything else
    /// (an emoji, a combining mark, a control character), which must be
    /// measured (and sanitised) the slow way. Such text is drawn as it is.
    public static func simpleWidth(_ s: String) -> Int? {
        var total = 0
        var wide = false
        var it = s.utf8.makeIterator()
        while let b = it.next() {
            if b < 0x80 {
                guard b >= 0x20, b != 0x7F else { return nil }
                total += 1
                continue
            }
            // Three-byte sequences only; the lead and second byte say the block.
            guard b >= 0xE4, b <= 0xEF, let b2 = it.next(), let b3 = it.next() else { return nil }
            let ideograph = (b == 0xE4 && b2 >= 0xB8) || (b >= 0xE5 && b <= 0xE9)
            let fullwidth = b == 0xEF && b2 == 0xBC && b3 > 0x80
            guard ideograph || fullwidth else { return nil }
            total += 2
            wide = true
        }
        // Wide only where the locale can print them (a non-UTF-8 locale draws "?").
        if wide && c_wcwidth(0x4E00) != 2 { return nil }
        return total
    }

    /// Width of a whole string, as `CellGrid.put` would draw it (after
    /// `Sanitize.visible`, so control characters count as their visible
    /// replacements).
    public static func of(_ s: String) -> Int {
        var total = 0
        forEachGlyph(in: s) { total += $0.width; return true }
        return total
    }

    /// The cluster's width, or -1 when the locale cannot print it.
    public static func measure(_ ch: Character) -> Int {
        if ch.isASCII {
            guard let v = ch.asciiValue else { return 1 }   // "\r\n" is one cluster
            return (0x20..<0x7F).contains(v) ? 1 : -1
        }
        let scalars = ch.unicodeScalars
        var iterator = scalars.makeIterator()
        guard let base = iterator.next() else { return 0 }
        let baseWidth = Int(c_wcwidth(Int32(bitPattern: base.value)))
        guard let second = iterator.next() else { return baseWidth }
        if baseWidth < 0 { return -1 }
        if isRegionalIndicator(base) && isRegionalIndicator(second) { return 2 }
        var joined = false
        for s in scalars.dropFirst() {
            switch s.value {
            case 0xFE0F: return 2                       // emoji presentation
            case 0x1F3FB...0x1F3FF: return 2            // skin-tone modifier
            case 0x200D: joined = true                  // ZWJ: a sequence if anything follows
            default: if joined { return 2 }
            }
        }
        return baseWidth
    }

    /// `wcwidth` of the cluster's first scalar alone: what ncurses computes
    /// for a cell. It differs from `of` only for emoji sequences widened to 2
    /// (e.g. "❤️"), which a terminal backend may want to treat with care.
    public static func baseWidth(_ ch: Character) -> Int {
        guard let base = ch.unicodeScalars.first else { return 0 }
        return Int(c_wcwidth(Int32(bitPattern: base.value)))
    }

    /// Calls `body` with every glyph of the sanitized text, in order, until
    /// it returns false. Zero-width clusters (a lone combining mark, U+200B)
    /// are skipped; unprintable ones become the replacement character. ASCII
    /// text takes a fast path that never segments graphemes.
    public static func forEachGlyph(in s: String, _ body: (Glyph) -> Bool) {
        if simpleWidth(s) != nil {
            // Printable ASCII, CJK ideographs and fullwidth forms only: one
            // scalar per glyph, its width known from its block (no clusters
            // to segment, nothing to sanitise, no wcwidth to ask).
            for scalar in s.unicodeScalars where !body(Glyph(String(scalar), width: scalar.value < 0x80 ? 1 : 2)) { return }
            return
        }
        let text = Sanitize.isClean(s) ? s : Sanitize.visible(s)
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // Clean ASCII has no controls left: every byte is one column.
            for b in text.utf8 where !body(Glyph(String(UnicodeScalar(b)), width: 1)) { return }
            return
        }
        for ch in text {
            let w = measure(ch)
            if w == 0 { continue }
            let glyph = w < 0 ? Glyph(replacement, width: 1) : Glyph(String(ch), width: w)
            if !body(glyph) { return }
        }
    }

    /// The glyphs of a string (see `forEachGlyph`).
    public static func glyphs(_ s: String) -> [Glyph] {
        var out: [Glyph] = []
        forEachGlyph(in: s) { out.append($0); return true }
        return out
    }

    /// What an unprintable cluster is drawn as: U+FFFD where the locale can
    /// print it, otherwise "?".
    public static var replacement: String { c_wcwidth(0xFFFD) == 1 ? "\u{FFFD}" : "?" }

    private static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(s.value)
    }

    // MARK: - Locale

    /// What `ensureUTF8Locale` found.
    public enum LocaleStatus: Equatable, Sendable {
        /// The environment's locale is UTF-8 (its name).
        case environment(String)
        /// The environment's locale (named) was not UTF-8; LC_CTYPE is now C.UTF-8.
        case fellBack(from: String)
        /// No UTF-8 locale could be set: non-ASCII text is drawn as replacements.
        case unavailable(String)

        public var isUTF8: Bool {
            if case .unavailable = self { return false }
            return true
        }
    }

    /// Puts the process in the user's locale (`setlocale(LC_ALL, "")`, as
    /// ncurses requires for wide characters) and, when that is not UTF-8,
    /// switches LC_CTYPE to "C.UTF-8" so that `wcwidth` knows CJK and emoji.
    /// Runs once per process — setlocale is not thread-safe — and later calls
    /// return the first answer. Call it before the first measurement.
    @discardableResult
    public static func ensureUTF8Locale() -> LocaleStatus { localeOnce }

    private static let localeOnce: LocaleStatus = {
        let name = setlocale(LC_ALL, "").map { String(cString: $0) } ?? "C"
        if currentCodesetIsUTF8() { return .environment(name) }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil, currentCodesetIsUTF8() { return .fellBack(from: name) }
        if setlocale(LC_CTYPE, "en_US.UTF-8") != nil, currentCodesetIsUTF8() { return .fellBack(from: name) }
        return .unavailable(name)
    }()

    /// True when LC_CTYPE's character set is UTF-8.
    public static func currentCodesetIsUTF8() -> Bool {
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}

/// libc's wcwidth (what ncurses itself calls); Glibc's module does not export
/// it, and DutyUI must not link ncurses to get it.
@_silgen_name("wcwidth")
func c_wcwidth(_ c: Int32) -> Int32
