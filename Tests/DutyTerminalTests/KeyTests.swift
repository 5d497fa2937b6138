import DutyTerminal
import DutyUI
import Testing

/// Key names are what the key registry binds, the footer shows and the help
/// screen lists: they must be stable and parse back.
struct KeyTests {
    static let named: [Key] = [
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
        .backspace, .delete, .insert, .f(1), .f(12), .ctrl("a"), .ctrl("c"), .ctrl("]"),
        .character("j"), .character("G"), .character("/"), .character("?"), .character(" "),
        .character("中"), .character("1"),
    ]

    @Test func namesAreStable() {
        #expect(Key.tab.name == "Tab")
        #expect(Key.backTab.name == "S-Tab")
        #expect(Key.pageDown.name == "PgDn")
        #expect(Key.pageUp.name == "PgUp")
        #expect(Key.enter.name == "Enter")
        #expect(Key.escape.name == "Esc")
        #expect(Key.ctrl("c").name == "C-c")
        #expect(Key.f(5).name == "F5")
        #expect(Key.character(" ").name == "Space")
        #expect(Key.character("G").name == "G")
        #expect(Key.character("中").description == "中")
    }

    @Test func everyNameParsesBack() {
        for key in Self.named { #expect(Key(name: key.name) == key, "\(key.name)") }
    }

    @Test func aliasesAndRejects() {
        #expect(Key(name: "Escape") == .escape)
        #expect(Key(name: "return") == .enter)
        #expect(Key(name: "PageDown") == .pageDown)
        #expect(Key(name: "Ctrl-C") == .ctrl("c"))
        #expect(Key(name: "^x") == .ctrl("x"))
        #expect(Key(name: "g") != Key(name: "G"))
        #expect(Key(name: "F64") == nil)
        #expect(Key(name: "Hyper-q") == nil)
        #expect(Key(name: "\u{1b}") == nil)
        #expect(Key(name: "") == nil)
    }

    @Test func controlBytes() {
        #expect(Key(controlByte: 9) == .tab)
        #expect(Key(controlByte: 13) == .enter)
        #expect(Key(controlByte: 10) == .enter)
        #expect(Key(controlByte: 27) == .escape)
        #expect(Key(controlByte: 8) == .backspace)
        #expect(Key(controlByte: 127) == .backspace)
        #expect(Key(controlByte: 3) == .ctrl("c"))
        #expect(Key(controlByte: 26) == .ctrl("z"))
        #expect(Key(controlByte: 0) == .ctrl("@"))
        #expect(Key(controlByte: 29) == .ctrl("]"))
        #expect(Key(controlByte: 65) == nil)
        #expect(Key(printable: "\u{7}") == nil)
        #expect(Key(printable: "\u{9b}") == nil)
    }

    /// Every key the console binds is one the terminal can produce.
    @Test func everyRegistryBindingNamesARealKey() {
        for binding in KeyRegistry.bindings {
            for name in binding.keys { #expect(Key(name: name) != nil, "unbindable key name \(name)") }
        }
    }
}
