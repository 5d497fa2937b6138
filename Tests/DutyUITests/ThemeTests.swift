import Foundation
import Testing
@testable import DutyUI

@Suite struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedFileMatchesTheCompiledInTheme(name: String) throws {
        let path = Self.themesDir.appendingPathComponent(name + ".toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Every role is stated in the file itself: none comes from a fallback.
        for role in Role.allCases {
            #expect(text.split(separator: "\n").contains { $0.hasPrefix(role.rawValue + " ") },
                    "\(name).toml does not state \(role.rawValue)")
        }
        let loaded = try ThemeFile.parse(text, file: path, base: .plain)
        #expect(loaded == BuiltinThemes.named(name))
    }

    @Test func renderedThemesParseBackEqual() throws {
        for theme in BuiltinThemes.all {
            #expect(try ThemeFile.parse(ThemeFile.render(theme), file: "rendered.toml") == theme)
        }
    }

    @Test func aMissingRoleFallsBackToTheDefaultTheme() throws {
        let t = try ThemeFile.parse("""
            name = "mine"
            priority_1 = { fg = "#00ff00" }
            [alert_critical]
            bg = "blue"
            attrs = "underline"
            """, file: "mine.toml")
        #expect(t.name == "mine")
        #expect(t[.priority1] == RoleStyle(fg: .rgb(0, 255, 0)))
        #expect(t[.alertCritical] == RoleStyle(bg: .ansi(4), .underline))
        #expect(t[.priority2] == BuiltinThemes.dark[.priority2])
        #expect(t[.background] == BuiltinThemes.dark[.background])
        #expect(try ThemeFile.parse("", file: "/x/empty.toml").name == "empty")
    }

    @Test func brokenTOMLNamesFileAndLine() {
        #expect {
            try ThemeFile.parse("name = \"x\"\npriority_1 = { fg = \"#ff0000\" \n", file: "/t/broken.toml")
        } throws: { error in
            guard case .syntax(let file, let line, _, _) = error as? ThemeError else { return false }
            return file == "/t/broken.toml" && line == 2
                && "\(error)".hasPrefix("theme file /t/broken.toml:2:")
        }
    }

    @Test(arguments: [
        ("priorty_1 = { fg = \"red\" }", "priorty_1", "did you mean priority_1?"),
        ("priority_1 = { fg = \"#ff00\" }", "priority_1.fg", "invalid colour \"#ff00\""),
        ("priority_1 = { fg = 3 }", "priority_1.fg", "expected a string, got integer"),
        ("priority_1 = { colour = \"red\" }", "priority_1.colour", "unknown field"),
        ("priority_1 = { attrs = [\"blink\"] }", "priority_1.attrs", "unknown attribute \"blink\""),
        ("priority_1 = { attrs = 1 }", "priority_1.attrs", "expected a list"),
        ("priority_1 = \"red\"", "priority_1", "expected a table"),
        ("name = 1", "name", "expected a string"),
    ])
    func invalidValuesNameFileAndKey(text: String, key: String, message: String) {
        do {
            _ = try ThemeFile.parse(text, file: "Themes/bad.toml")
            Issue.record("accepted \(text)")
        } catch {
            guard case .invalid(let file, let k, let m) = error else { Issue.record("\(error)"); return }
            #expect(file == "Themes/bad.toml")
            #expect(k == key)
            #expect(m.contains(message), "\(m)")
            #expect("\(error)".contains("Themes/bad.toml") && "\(error)".contains("\"\(key)\""))
        }
    }

    @Test func resolveInheritsColoursAndLayersSelection() {
        let t = BuiltinThemes.dark
        let p1 = t.resolve(Style(.priority1))
        #expect(p1.fg == .rgb(0xff, 0x5f, 0x5f) && p1.bg == .rgb(0x1c, 0x1c, 0x1c) && p1.attributes == .bold)
        let selected = t.resolve(Style(.priority1, attributes: .underline, selected: true))
        #expect(selected.fg == .rgb(0xff, 0x5f, 0x5f))            // keeps its red
        #expect(selected.bg == .rgb(0x00, 0x5f, 0x87))            // on the selection background
        #expect(selected.attributes == [.bold, .underline])
        #expect(t.resolve(.text).fg == .rgb(0xd0, 0xd0, 0xd0))
    }

    @Test func monoHasNoColourAndKeepsMeaningInAttributes() {
        let mono = BuiltinThemes.mono
        #expect(!mono.usesColor)
        #expect(BuiltinThemes.dark.usesColor)
        for role in Role.allCases {
            let s = mono.terminalStyle(Style(role), depth: .xterm256)
            #expect(s.fg == nil && s.bg == nil, "\(role)")
        }
        let priorities = [Role.priority1, .priority2, .priority3, .priority4].map { mono[$0].attributes }
        #expect(Set(priorities).count == 4, "priorities must differ without colour: \(priorities)")
        let levels = [Role.alertInfo, .alertWarning, .alertCritical].map { mono[$0].attributes }
        #expect(Set(levels).count == 3)
        #expect(mono[.focusBorder].attributes != mono[.border].attributes)
        #expect(mono[.taskOverdue].attributes != mono[.taskDispatched].attributes)
        #expect(mono.resolve(Style(.text, selected: true)).attributes.contains(.reverse))
        // On the selected row the priorities still differ from each other.
        let selected = [Role.priority1, .priority2, .priority3, .priority4].map {
            mono.resolve(Style($0, selected: true)).attributes
        }
        #expect(Set(selected).count == 4, "\(selected)")
        #expect(mono.resolve(Style(.priority1, selected: true)).attributes == .bold)
    }

    @Test func textNeverVanishesIntoItsBackground() {
        for theme in BuiltinThemes.all where theme.usesColor {
            for depth in [ColorDepth.xterm256, .ansi16, .ansi8] {
                for role in Role.allCases {
                    for selected in [false, true] {
                        let s = theme.terminalStyle(Style(role, selected: selected), depth: depth)
                        if let fg = s.fg, let bg = s.bg {
                            #expect(fg != bg, "\(theme.name) \(role) selected=\(selected) at \(depth): \(fg) on \(bg)")
                        }
                    }
                }
            }
        }
    }

    @Test func terminalStyleMapsToTheDepth() {
        let t = BuiltinThemes.dark
        #expect(t.terminalStyle(Style(.alertCritical), depth: .xterm256) == TerminalStyle(fg: 231, bg: 160, attributes: .bold))
        #expect(t.terminalStyle(Style(.alertCritical), depth: .ansi8) == TerminalStyle(fg: 7, bg: 1, attributes: .bold))
        #expect(t.terminalStyle(Style(.alertCritical), depth: .none) == TerminalStyle(fg: nil, bg: nil, attributes: .bold))
    }
}
