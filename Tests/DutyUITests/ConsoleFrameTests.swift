import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// Whole console frames over a generated day, at a fixed simulated time, as
/// golden frames at the sizes the issue names, plus key handling.
@Suite struct ConsoleFrameTests {
    /// 2026-11-28 (a Saturday), 10:30 simulated: a busy morning.
    static func demoStore() -> Store {
        _ = UITest.locale
        let store = Store(clock: .eventTime)
        let day = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
        var demo = DemoFeed(seed: 20261128, day: day, speed: 60)
        _ = demo.start(wall: 0, into: store)
        demo.advance(wall: 150 * 60_000 / 60, into: store)   // 150 simulated minutes later
        return store
    }

    static func render(_ store: Store, _ state: ConsoleState, _ w: Int, _ h: Int) -> CellGrid {
        ConsoleView(store: store, paneRows: PaneRows(), badge: .demo(speed: 60)).render(state, width: w, height: h)
    }

    @Test func demoClockRunsFromEightAtSixtyTimes() {
        let store = Self.demoStore()
        #expect(DisplayFormat.clock(store.now) == "10:30")
        #expect(store.aggregates.count(.event) > 100)
    }

    @Test func frame200x60() { checkFrame(200, 60, named: "console-200x60") }
    @Test func frame120x40() { checkFrame(120, 40, named: "console-120x40") }
    @Test func frame80x24() { checkFrame(80, 24, named: "console-80x24") }
    @Test func frame40x12() { checkFrame(40, 12, named: "console-40x12") }

    func checkFrame(_ width: Int, _ height: Int, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = Self.render(Self.demoStore(), ConsoleState(), width, height)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == width }, sourceLocation: sourceLocation)
        assertFrame(frameText(grid), named: name, sourceLocation: sourceLocation)
    }

    /// A town's console (`watch --db --town`, or a town's role) names its
    /// town beside the title, even at 80×24 with the clock and badge shown;
    /// the district's names none.
    @Test func aTownsConsoleNamesItsTownInTheHeader() {
        var state = ConsoleState()
        state.town = "溪口镇"
        let header = Self.render(Self.demoStore(), state, 80, 24).line(0)
        #expect(header.contains("奉化区综合指挥中心 · 值班台 · 溪口镇"), "\(header)")
        #expect(header.contains("10:30:00") && header.contains("演示"), "\(header)")
        #expect(DisplayWidth.of(header) == 80)
        #expect(!Self.render(Self.demoStore(), ConsoleState(), 80, 24).line(0).contains("溪口镇"))
    }

    @Test func everyPaneTitleIsOnScreenAt120x40() {
        let text = screenText(Self.render(Self.demoStore(), ConsoleState(), 120, 40))
        for title in ["网格事件", "执法任务", "矛调分级", "告警", "奉化区综合指挥中心"] { #expect(text.contains(title)) }
    }

    @Test func monoThemeFrame() {
        let store = Self.demoStore()
        let grid = Self.render(store, ConsoleState(), 80, 24)
        assertFrame(attributeText(grid, theme: BuiltinThemes.mono), named: "console-80x24-mono-attributes")
    }

    @Test func keysMoveFocusFilterAndOpenDetail() throws {
        let rig = ConsoleRig(themeCount: 4)
        @discardableResult
        func press(_ key: String) -> ConsoleEffect? { rig.press(key, paneActions: false) }
        press("Tab")
        #expect(rig.state.focus == .tasks)
        press("S-Tab"); press("4")
        #expect(rig.state.focus == .alerts)
        press("1"); press("j"); press("j")
        #expect(rig.state.selection[0] == 2)
        press("/")
        for ch in "town:溪口" { press(String(ch)) }
        press("Enter")
        #expect(rig.state.mode == .main)
        let filtered = rig.paneRows.count(.events, store: rig.store, filter: rig.state.filter(.events))
        #expect(filtered > 0 && filtered < rig.store.aggregates.count(.event))
        let grid = rig.render(badge: .demo(speed: 60))
        #expect(screenText(grid).contains("/town:溪口"))
        // Rows of that town are shown, and every row shown is in it.
        let events = try #require(rig.layout?.frame(.events).content)
        let towns = try #require(ShownColumn(grid, in: events, title: "镇街", next: "网格")).values
        #expect(towns.count == min(filtered, events.height - 1))
        #expect(!towns.isEmpty && towns.allSatisfy { $0 == "溪口镇" }, "towns shown: \(towns)")
        press("Enter")
        guard case .detail = rig.state.mode else { Issue.record("no detail view"); return }
        let detail = screenText(rig.render(badge: .demo(speed: 60)))
        #expect(detail.contains("处置时间线"))
        #expect(detail.contains("溪口"))
        press("Esc")
        #expect(rig.state.mode == .main)
        press("Esc")
        #expect(rig.state.filter(.events) == nil)
        press("L")
        #expect(rig.state.language == .en)
        press("?")
        #expect(rig.state.mode == .help)
        let backFromHelp = press("q")
        #expect(rig.state.mode == .main && backFromHelp == nil)
        #expect(press("q") == .quit)
    }

    @Test func footerShowsTheRegistryKeys() {
        let text = Self.render(Self.demoStore(), ConsoleState(), 120, 40).lines.last ?? ""
        for binding in KeyRegistry.footer(for: .main).prefix(3) { #expect(text.contains(KeyRegistry.display(binding))) }
    }
}
