import DutyCore
import Testing
@testable import DutyUI

/// The header of a console over the database: LIVE while it reaches the
/// database, `数据库离线 · 3分12秒` in the warning style while it does not.
@Suite struct DatabaseBadgeTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    @Test func offlineSaysHowLongInBothLanguages() {
        #expect(ConsoleBadge.offlineText(seconds: 192, .zh) == "数据库离线 · 3分12秒")
        #expect(ConsoleBadge.offlineText(seconds: 192, .en) == "database offline · 3m12s")
        #expect(ConsoleBadge.offlineText(seconds: 7, .zh) == "数据库离线 · 7秒")
        #expect(ConsoleBadge.offlineText(seconds: 3 * 3600 + 5 * 60, .en) == "database offline · 3h5m")
    }

    @Test func theHeaderShowsTheOfflineBadgeInTheWarningStyle() throws {
        let rig = ConsoleRig(themeCount: 1)
        let grid = rig.render(badge: .databaseOffline(seconds: 192))
        let header = grid.lines[0]
        #expect(header.contains("⚠ 数据库离线 · 3分12秒") && !header.contains("实时"))
        // The badge's first character's column: the display width of what is left of it.
        let start = try #require(header.firstIndex(of: "数"))
        let column = DisplayWidth.of(String(header[..<start]))
        #expect(grid[column, 0].style.role == .alertWarning)
        #expect(rig.render(badge: .live).lines[0].contains("实时"))
        rig.state.language = .en
        #expect(rig.render(badge: .databaseOffline(seconds: 59)).lines[0].contains("database offline · 59s"))
    }
}
