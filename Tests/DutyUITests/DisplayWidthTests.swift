import Testing
@testable import DutyUI
#if canImport(Glibc)
import Glibc
#endif

@Suite struct DisplayWidthTests {
    init() { _ = UITest.locale }

    @Test func localeIsUTF8AfterEnsure() {
        #expect(UITest.locale.isUTF8)
        #expect(DisplayWidth.currentCodesetIsUTF8())
        // Later calls give the first answer (setlocale runs once).
        #expect(DisplayWidth.ensureUTF8Locale() == UITest.locale)
    }

    @Test(arguments: [
        ("a", 1), ("中", 2), ("…", 1), ("─", 1), ("×", 1), ("　", 2),   // U+3000 ideographic space
        ("😀", 2), ("🇨🇳", 2), ("👨‍👩‍👧", 2), ("❤️", 2), ("👍🏽", 2), ("1️⃣", 2),
        ("e\u{301}", 1), ("\u{1100}\u{1161}\u{11AB}", 2), ("❤\u{FE0E}", 1), ("\u{200B}", 0),
    ])
    func clusterWidths(text: String, width: Int) {
        #expect(text.count == 1, "one grapheme cluster: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func stringWidths() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("占道经营") == 8)
        #expect(DisplayWidth.of("JP-03-12 占道经营") == 17)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("🚧 道路施工 Road works") == 2 + 1 + 8 + 11)
    }

    @Test func controlCharactersAreMeasuredAsTheirVisibleReplacements() {
        // ESC [ 3 1 m → ␛[31m: five visible columns, and no ESC survives.
        #expect(DisplayWidth.of("\u{1B}[31m") == 5)
        let glyphs = DisplayWidth.glyphs("a\u{1B}[2J\u{7}\tb")
        #expect(glyphs.map(\.text).joined() == "a␛[2J␇␉b")
        #expect(!glyphs.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        #expect(DisplayWidth.glyphs("x\u{202E}y").map(\.text) == ["x", "\u{FFFD}", "y"])   // bidi override
    }

    @Test func unprintableClustersBecomeOneReplacementColumn() {
        // U+0378 is unassigned: wcwidth says -1; it is drawn as U+FFFD.
        #expect(DisplayWidth.measure(Character("\u{0378}")) == -1)
        #expect(DisplayWidth.of(Character("\u{0378}")) == 1)
        #expect(DisplayWidth.glyphs("a\u{0378}b") == [Glyph("a", width: 1), Glyph("\u{FFFD}", width: 1), Glyph("b", width: 1)])
    }

    @Test func zeroWidthClustersAreDropped() {
        #expect(DisplayWidth.glyphs("\u{301}ab\u{200B}").map(\.text) == ["a", "b"])
    }

    @Test func asciiFastPathAgreesWithClusterPath() {
        let ascii = "Grid JP-03-12 ~!@#$%^&*()_+{}|:\"<>?"
        #expect(DisplayWidth.glyphs(ascii).map(\.text) == ascii.map { String($0) })
        #expect(DisplayWidth.of(ascii) == ascii.count)
        #expect(ascii.allSatisfy { DisplayWidth.of($0) == 1 })
    }

    @Test func baseWidthIsWhatNcursesComputes() {
        #expect(DisplayWidth.baseWidth(Character("❤️")) == 1)
        #expect(DisplayWidth.of(Character("❤️")) == 2)
        #expect(DisplayWidth.baseWidth(Character("中")) == 2)
    }

    /// In a non-UTF-8 locale wcwidth knows no CJK: every such glyph becomes
    /// one "?" column, the ellipsis is "~", and rows still come out exactly
    /// as wide as the grid.
    /// (uselocale changes this thread only; the test puts it back.)
    @Test func nonUTF8LocaleStaysAligned() throws {
        let c = try #require(newlocale(LC_CTYPE_MASK, "C", nil))
        let previous = uselocale(c)
        defer { uselocale(previous); freelocale(c) }
        #expect(DisplayWidth.replacement == "?")
        #expect(DisplayWidth.glyphs("占道a") == [Glyph("?", width: 1), Glyph("?", width: 1), Glyph("a", width: 1)])
        var g = CellGrid(width: 12, height: 2)
        g.put(text: "锦屏 JP-03 🚧", x: 0, y: 0)
        g.putAligned(text: "占道经营扰民严重", x: 0, y: 1, width: 6)
        #expect(g.lines == ["?? JP-03 ?  ", "?????~      "])
    }

    /// The fast path (text of printable ASCII, CJK ideographs and fullwidth
    /// forms, read from its bytes) gives exactly the glyphs and widths of the
    /// slow one (clusters, wcwidth), and declines anything else.
    @Test func theFastPathAgreesWithWcwidth() {
        _ = UITest.locale
        var rng = SplitMix(seed: 9)
        let pools: [[Unicode.Scalar]] = [
            (0x20...0x7E).map { Unicode.Scalar($0)! },
            [0x4E00, 0x5360, 0x9053, 0x9FA5, 0x9FFF, 0x7ECF, 0x950B].map { Unicode.Scalar($0)! },
            [0xFF01, 0xFF08, 0xFF09, 0xFF1A, 0xFF3F].map { Unicode.Scalar($0)! },
        ]
        for _ in 0..<500 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12) {
                let pool = pools[Int(rng.next() % 3)]
                s.unicodeScalars.append(pool[Int(rng.next() % UInt64(pool.count))])
            }
            let slow = s.map { ch -> Glyph in Glyph(String(ch), width: DisplayWidth.measure(ch)) }
            #expect(DisplayWidth.simpleWidth(s) == slow.reduce(0) { $0 + $1.width }, "\(s)")
            #expect(DisplayWidth.glyphs(s) == slow, "\(s)")
        }
        for other in ["e\u{301}", "🚧", "a\u{1B}b", "\u{3000}", "ｱ", "한"] {
            #expect(DisplayWidth.simpleWidth(other) == nil, "\(other)")
        }
    }
}
