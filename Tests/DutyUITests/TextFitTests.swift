import Testing
@testable import DutyUI

@Suite struct TextFitTests {
    init() { _ = UITest.locale }

    static let samples = [
        "", "a", "占道经营", "JP-03-12", "🚧 道路施工 Road works", "👨‍👩‍👧 家庭纠纷调解", "🇨🇳 国旗",
        "café\u{301}", "锦屏街道综合行政执法中队", "mixed 中文 and ASCII 文本", "\u{1B}[31mred\u{1B}[0m",
        "❤️ 关爱", "x", "ＡＢＣ全角",
    ]

    @Test func truncateUsesAnEllipsisAndNeverSplitsAWideCharacter() {
        #expect(TextFit.truncate("hello world", to: 5) == "hell…")
        #expect(TextFit.truncate("hello", to: 5) == "hello")
        #expect(TextFit.truncate("占道经营扰民", to: 5) == "占道…")
        #expect(TextFit.truncate("占道经营扰民", to: 6) == "占道…")      // 占道经 + … would be 7
        #expect(TextFit.truncate("占道经营扰民", to: 7) == "占道经…")
        #expect(TextFit.truncate("ab占道", to: 4) == "ab…")
        #expect(TextFit.truncate("占道", to: 1) == "…")
        #expect(TextFit.truncate("占道", to: 0) == "")
        #expect(TextFit.truncate("👨‍👩‍👧👨‍👩‍👧", to: 3) == "👨‍👩‍👧…")
    }

    @Test func truncateNeverExceedsTheWidth() {
        for s in Self.samples {
            for w in 0...30 {
                let t = TextFit.truncate(s, to: w)
                #expect(TextFit.width(t) <= w, "\(s) at \(w): \(t)")
                #expect(TextFit.width(t) >= min(w, TextFit.width(s)) - 1, "lost more than one column: \(s) at \(w)")
            }
        }
    }

    @Test func padGivesExactlyTheColumnsAskedForInEveryAlignment() {
        for s in Self.samples {
            for w in 0...30 {
                for a in Alignment.allCases {
                    let p = TextFit.pad(s, to: w, alignment: a)
                    #expect(TextFit.width(p) == w, "\(s) \(a) at \(w): [\(p)]")
                }
            }
        }
    }

    @Test func alignment() {
        #expect(TextFit.pad("中", to: 5, alignment: .left) == "中   ")
        #expect(TextFit.pad("中", to: 5, alignment: .right) == "   中")
        #expect(TextFit.pad("中", to: 5, alignment: .center) == " 中  ")
        #expect(TextFit.leftAligned("12", 4) == "12  ")
        #expect(TextFit.rightAligned("12", 4) == "  12")
        #expect(TextFit.rightAligned("占道经营", 5) == "占道…")
    }

    @Test func outputIsSanitized() {
        let p = TextFit.pad("\u{1B}[2J\u{1B}]0;pwned\u{7}", to: 20)
        #expect(!p.unicodeScalars.contains { $0.value < 0x20 })
        #expect(p.hasPrefix("␛[2J␛]0;pwned␇"))
    }

    @Test func clipCutsHardWithoutEllipsis() {
        #expect(TextFit.clip("占道经营", to: 5) == "占道")
        #expect(TextFit.clip("abc", to: 2) == "ab")
    }

    @Test func wrapBreaksAtSpacesAndInsideCJK() {
        #expect(TextFit.wrap("terminal too small: need 60×16, have 40×12", to: 20)
                == ["terminal too small:", "need 60×16, have", "40×12"])
        #expect(TextFit.wrap("终端窗口太小请放大", to: 6) == ["终端窗", "口太小", "请放大"])
        #expect(TextFit.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        for line in TextFit.wrap("混合 mixed 文本 text with 中文 words", to: 7) {
            #expect(TextFit.width(line) <= 7)
        }
    }
}
