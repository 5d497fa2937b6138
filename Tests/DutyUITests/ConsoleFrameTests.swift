import DutyCore
import Testing
@testable import DutyUI

/// Whole console frames over a generated day, at a fixed simulated time, as
/// text snapshots at the sizes the issue names, plus key handling.
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
        assertSnapshot(frameText(grid), named: name, sourceLocation: sourceLocation)
    }

    @Test func everyPaneTitleIsOnScreenAt120x40() {
        let text = Self.render(Self.demoStore(), ConsoleState(), 120, 40).snapshot()
        for title in ["网格事件", "执法任务", "矛调分级", "告警", "奉化区综合指挥中心"] { #expect(text.contains(title)) }
    }

    @Test func monoThemeFrame() {
        let store = Self.demoStore()
        let grid = Self.render(store, ConsoleState(), 80, 24)
        assertSnapshot(attributeText(grid, theme: BuiltinThemes.mono), named: "console-80x24-mono-attributes")
    }

    @Test func keysMoveFocusFilterAndOpenDetail() {
        let store = Self.demoStore()
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 4)
        var state = ConsoleState()
        let layout = ConsoleView.layout(width: 120, height: 40, state: state)
        func press(_ key: String) {
            if let c = KeyRegistry.command(forKey: key, in: state.mode) { reducer.apply(c, to: &state, layout: layout) }
        }
        press("Tab")
        #expect(state.focus == .tasks)
        press("S-Tab"); press("4")
        #expect(state.focus == .alerts)
        press("1"); press("j"); press("j")
        #expect(state.selection[0] == 2)
        press("/")
        for ch in "town:溪口" { press(String(ch)) }
        press("Enter")
        #expect(state.mode == .main)
        let filtered = paneRows.count(.events, store: store, filter: state.filter(.events))
        #expect(filtered > 0 && filtered < store.aggregates.count(.event))
        let text = ConsoleView(store: store, paneRows: paneRows, badge: .demo(speed: 60)).render(state, width: 120, height: 40).snapshot()
        #expect(text.contains("/town:溪口"))
        press("Enter")
        guard case .detail = state.mode else { Issue.record("no detail view"); return }
        let detail = ConsoleView(store: store, paneRows: paneRows, badge: .demo(speed: 60)).render(state, width: 120, height: 40).snapshot()
        #expect(detail.contains("处置时间线"))
        #expect(detail.contains("溪口"))
        press("Esc")
        #expect(state.mode == .main)
        press("Esc")
        #expect(state.filter(.events) == nil)
        press("L")
        #expect(state.language == .en)
        press("?")
        #expect(state.mode == .help)
        press("q")
        #expect(state.mode == .main && !state.quitRequested)
        press("q")
        #expect(state.quitRequested)
    }

    @Test func footerShowsTheRegistryKeys() {
        let text = Self.render(Self.demoStore(), ConsoleState(), 120, 40).lines.last ?? ""
        for binding in KeyRegistry.footer(for: .main).prefix(3) { #expect(text.contains(KeyRegistry.display(binding))) }
    }
}

/// The selection stays on the item the operator chose while new events
/// arrive above it.
@Suite struct SelectionAnchorTests {
    @Test func selectionFollowsItsItemAsRowsArrive() {
        _ = UITest.locale
        let store = Store(clock: .eventTime)
        let day = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
        var demo = DemoFeed(seed: 7, day: day, speed: 60)
        _ = demo.start(wall: 0, into: store)
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 1)
        var state = ConsoleState()
        let layout = ConsoleView.layout(width: 120, height: 40, state: state)
        for _ in 0..<3 { reducer.apply(.moveDown, to: &state, layout: layout) }
        let chosen = paneRows.items(.events, store: store, filter: nil, from: 3, limit: 1).first
        #expect(chosen != nil && state.anchors[0] == chosen)
        let before = store.aggregates.count(.event)
        demo.advance(wall: 30 * 60_000 / 60, into: store)   // 30 simulated minutes
        let arrived = store.aggregates.count(.event) - before
        #expect(arrived > 0)
        reducer.followAnchors(&state, layout: layout)
        #expect(state.selection[0] == 3 + arrived)
        #expect(paneRows.items(.events, store: store, filter: nil, from: state.selection[0], limit: 1).first == chosen)
    }
}

/// Mouse and theme commands on the state, without a terminal.
@Suite struct PointerAndThemeTests {
    @Test func clickSelectsTheRowUnderItAndWheelScrolls() throws {
        let store = ConsoleFrameTests.demoStore()
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 4)
        var state = ConsoleState()
        let layout = try #require(ConsoleView.layout(width: 120, height: 40, state: state))
        let tasks = layout.frame(.tasks).content
        // The third data row of the tasks pane (below its column titles).
        reducer.apply(.click(x: tasks.x + 3, y: tasks.y + 1 + 2), to: &state, layout: layout)
        #expect(state.focus == .tasks)
        #expect(state.selection[Pane.tasks.rawValue] == 2)
        let events = layout.frame(.events).content
        reducer.apply(.click(x: events.x + 1, y: events.y + 1), to: &state, layout: layout)
        #expect(state.focus == .events && state.selection[0] == 0)
        reducer.apply(.scroll(3), to: &state, layout: layout)
        #expect(state.selection[0] == 3)
        reducer.apply(.scroll(-3), to: &state, layout: layout)
        #expect(state.selection[0] == 0)
    }

    @Test func themeKeyCyclesThroughEveryTheme() {
        let reducer = ConsoleReducer(store: Store(), paneRows: PaneRows(), themeCount: 4)
        var state = ConsoleState()
        var seen: [Int] = []
        for _ in 0..<5 {
            seen.append(state.themeIndex)
            if let c = KeyRegistry.command(forKey: "t", in: state.mode) { reducer.apply(c, to: &state, layout: nil) }
        }
        #expect(seen == [0, 1, 2, 3, 0])
    }
}

/// Operator actions from keys: choosers, confirmations, and the request the
/// session is handed (the journal itself is the session's).
@Suite struct ActionKeyTests {
    func press(_ key: String, _ state: inout ConsoleState, _ reducer: ConsoleReducer, _ layout: ScreenLayout?) {
        if let c = KeyRegistry.command(forKey: key, in: state.mode, focus: state.focus) { reducer.apply(c, to: &state, layout: layout) }
    }

    @Test func dispatchChoosesAUnitAndATaskType() throws {
        let store = ConsoleFrameTests.demoStore()
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 1)
        var state = ConsoleState()
        let layout = ConsoleView.layout(width: 120, height: 40, state: state)
        press("d", &state, reducer, layout)
        #expect(state.mode == .choosing)
        let chooser = try #require(state.chooser)
        let event = store.current(.event, try #require(chooser.request.item))
        // The event's own town's units come first.
        #expect(chooser.options.first?.label.hasPrefix(store.text(event.event.town)) == true || chooser.options.first?.detail.hasPrefix(store.text(event.event.town)) == true)
        let frame = ConsoleView(store: store, paneRows: paneRows, badge: .live).render(state, width: 120, height: 40).snapshot()
        #expect(frame.contains("选择责任单位") && frame.contains("任务类型：镇街赋权事项"))
        press("Tab", &state, reducer, layout)
        press("j", &state, reducer, layout)
        press("Enter", &state, reducer, layout)
        let request = try #require(state.effect)
        #expect(request.kind == .dispatch && request.option == "inspection")
        #expect(request.choice == chooser.options[1].value)
        #expect(state.mode == .main)
    }

    @Test func destructiveActionsAskFirstAndActionsBelongToTheirPane() throws {
        let store = ConsoleFrameTests.demoStore()
        let reducer = ConsoleReducer(store: store, paneRows: PaneRows(), themeCount: 1)
        var state = ConsoleState()
        let layout = ConsoleView.layout(width: 120, height: 40, state: state)
        press("c", &state, reducer, layout)
        press("Enter", &state, reducer, layout)
        #expect(state.mode == .confirming && state.effect == nil)
        press("n", &state, reducer, layout)
        #expect(state.mode == .main && state.effect == nil)
        press("c", &state, reducer, layout)
        press("Enter", &state, reducer, layout)
        press("y", &state, reducer, layout)
        #expect(state.effect?.kind == .cancelEvent && state.effect?.choice == "重复件")
        state.effect = nil
        press("2", &state, reducer, layout)
        press("u", &state, reducer, layout)
        #expect(state.effect?.kind == .urge)
        state.effect = nil
        press("3", &state, reducer, layout)
        press("e", &state, reducer, layout)
        #expect(state.mode == .confirming)
        press("y", &state, reducer, layout)
        let escalate = try #require(state.effect)
        #expect(escalate.kind == .escalate && escalate.pane == .mediation)
        #expect(store.current(.mediation, try #require(escalate.item)).mediationStatus.isOpen)
        #expect(KeyRegistry.command(forKey: "d", in: .main, focus: .tasks) == nil)
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .alerts) == .action(.resolve))
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .events) == .action(.closeEvent))
    }
}
