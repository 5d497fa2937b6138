import DutyTestSupport
import Foundation
import Testing
@testable import DutyUI

@Suite struct ThemeLocatorTests {
    @Test func findsThePackageThemesFolder() throws {
        let dir = try #require(ThemeLocator.findPackageThemes())
        #expect(dir.hasSuffix("/Themes"))
        #expect(FileManager.default.fileExists(atPath: dir + "/mono.toml"))
        // From the source path alone too (an executable somewhere else).
        #expect(ThemeLocator.findPackageThemes(executable: "/nonexistent/bin/dutydesk") == dir)
        #expect(ThemeLocator.findPackageThemes(executable: nil, sourceFile: "/nonexistent/a/b/c.swift") == nil)
    }

    @Test func lookupOrderIsFileThenEnvironmentThenPackageThenBuiltIn() throws {
        try TempFolder.with([
            "default.toml": "name = \"default\"\ntext = { fg = \"#010203\" }\n",
            "ocean.toml": "name = \"ocean\"\ntext = { fg = \"blue\" }\n",
        ]) { env in
            try TempFolder.with(["default.toml": "text = { fg = \"#aaaaaa\" }\n", "reef.toml": "\n"]) { pkg in
                let locator = ThemeLocator(environmentDirectory: env, packageDirectory: pkg)
                #expect(try locator.load(name: "default")[.text].fg == .rgb(1, 2, 3))       // env wins
                #expect(try locator.load(name: "reef").name == "reef")                      // package
                #expect(try locator.load(name: "mono") == BuiltinThemes.mono)               // built in
                let explicit = try locator.load(name: "default", file: env + "/ocean.toml")
                #expect(explicit.name == "ocean")                                           // file wins
                #expect(locator.availableNames() == ["default", "light", "high-contrast", "mono", "ocean", "reef"])
            }
        }
    }

    @Test func builtInThemesNeedNoFiles() throws {
        let locator = ThemeLocator(environmentDirectory: nil, packageDirectory: nil)
        for theme in BuiltinThemes.all { #expect(try locator.load(name: theme.name) == theme) }
        #expect(try locator.load() == BuiltinThemes.dark)
    }

    @Test func aBrokenFileIsAnErrorNotSkipped() {
        TempFolder.with(["default.toml": "text = { fg = \"#zzzzzz\" }\n"]) { env in
            let locator = ThemeLocator(environmentDirectory: env, packageDirectory: nil)
            #expect(throws: ThemeError.self) { try locator.load(name: "default") }
            do { _ = try locator.load(name: "default") } catch {
                #expect("\(error)".contains(env + "/default.toml") && "\(error)".contains("\"text.fg\""))
            }
        }
    }

    @Test func unknownNamesAndUnreadableFiles() {
        let locator = ThemeLocator(environmentDirectory: "/nonexistent/themes", packageDirectory: nil)
        do { _ = try locator.load(name: "solarized"); Issue.record("found") } catch {
            guard case .notFound(let name, let searched) = error else { Issue.record("\(error)"); return }
            #expect(name == "solarized" && searched.first == "/nonexistent/themes")
        }
        #expect(throws: ThemeError.self) { try locator.load(name: "../etc/passwd") }
        do { _ = try locator.load(file: "/nonexistent/x.toml"); Issue.record("read") } catch {
            guard case .unreadable(let file, _) = error else { Issue.record("\(error)"); return }
            #expect(file == "/nonexistent/x.toml")
        }
    }

    @Test func standardLocatorReadsTheEnvironment() {
        let l = ThemeLocator.standard(environment: ["DUTYDESK_THEMES": "/srv/themes"])
        #expect(l.environmentDirectory == "/srv/themes")
        #expect(l.directories.first == "/srv/themes")
        #expect(ThemeLocator.standard(environment: ["DUTYDESK_THEMES": ""]).environmentDirectory == nil)
    }

    @Test func noColor() {
        #expect(ThemeLocator.noColorRequested(["NO_COLOR": "1"]))
        #expect(!ThemeLocator.noColorRequested(["NO_COLOR": ""]))
        #expect(!ThemeLocator.noColorRequested([:]))
    }
}
