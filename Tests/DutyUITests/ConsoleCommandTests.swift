import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// The selection stays on the item the operator chose while new events
/// arrive above it.
@Suite struct SelectionAnchorTests {
    @Test func selectionFollowsItsItemAsRowsArrive() {
        _ = UITest.locale
        let store = Store(clock: .eventTime)
        let day = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
        var demo = DemoFeed(seed: 7, day: day, speed: 60)
        _ = demo.start(wall: 0, into: store)
        let rig = ConsoleRig(store: store, themeCount: 1)
        for _ in 0..<3 { rig.apply(.moveDown) }
        let chosen = rig.paneRows.items(.events, store: store, filter: nil, from: 3, limit: 1).first
        #expect(chosen != nil && rig.state.anchors[0] == chosen)
        let before = store.aggregates.count(.event)
        demo.advance(wall: 30 * 60_000 / 60, into: store)   // 30 simulated minutes
        let arrived = store.aggregates.count(.event) - before
        #expect(arrived > 0)
        rig.reducer.followAnchors(&rig.state, layout: rig.layout)
        #expect(rig.state.selection[0] == 3 + arrived)
        #expect(rig.paneRows.items(.events, store: store, filter: nil, from: rig.state.selection[0], limit: 1).first == chosen)
    }
}

/// Mouse and theme commands on the state, without a terminal.
@Suite struct PointerAndThemeTests {
    @Test func clickSelectsTheRowUnderItAndWheelScrolls() throws {
        let rig = ConsoleRig(themeCount: 4)
        let layout = try #require(rig.layout)
        let tasks = layout.frame(.tasks).content
        // The third data row of the tasks pane (below its column titles).
        rig.apply(.click(x: tasks.x + 3, y: tasks.y + 1 + 2))
        #expect(rig.state.focus == .tasks)
        #expect(rig.state.selection[Pane.tasks.rawValue] == 2)
        let events = layout.frame(.events).content
        rig.apply(.click(x: events.x + 1, y: events.y + 1))
        #expect(rig.state.focus == .events && rig.state.selection[0] == 0)
        rig.apply(.scroll(3))
        #expect(rig.state.selection[0] == 3)
        rig.apply(.scroll(-3))
        #expect(rig.state.selection[0] == 0)
    }

    @Test func themeKeyCyclesThroughEveryTheme() {
        let reducer = ConsoleReducer(store: Store(), paneRows: PaneRows(), themeCount: 4)
        var state = ConsoleState()
        var seen: [Int] = []
        for _ in 0..<5 {
            seen.append(state.themeIndex)
            if let c = KeyRegistry.command(forKey: "t", in: state.mode) { _ = reducer.apply(c, to: &state, layout: nil) }
        }
        #expect(seen == [0, 1, 2, 3, 0])
    }
}

/// Operator actions from keys: choosers, confirmations, and the request the
/// session is handed (the journal itself is the session's).
@Suite struct ActionKeyTests {
    @Test func dispatchChoosesAUnitAndATaskType() throws {
        let rig = ConsoleRig(themeCount: 1)
        let store = rig.store
        rig.press("d")
        #expect(rig.state.mode == .choosing)
        let chooser = try #require(rig.state.chooser)
        let target = try #require(chooser.request.item)
        #expect(target.kind == .event)
        let event = store.current(.event, try #require(store.index(.event, id: target.id)))
        // The event's own town's units come first.
        #expect(chooser.options.first?.label.hasPrefix(store.text(event.event.town)) == true || chooser.options.first?.detail.hasPrefix(store.text(event.event.town)) == true)
        let frame = screenText(rig.render(badge: .live))
        // The title names the event and the unit under the cursor (RefuseAtKeyTests has the due time).
        #expect(frame.contains("转派 \(target.id) → ") && frame.contains("任务类型：镇街赋权事项"))
        rig.press("Tab")
        rig.press("j")
        let request = try #require(ConsoleRig.performed(rig.press("Enter")))
        guard case .unit(let unit) = chooser.options[1].value else { Issue.record("not a unit"); return }
        #expect(request.kind == .dispatch && request.choice == .dispatch(unit: unit, type: .inspection))
        #expect(request.action == .dispatch(event: target.id, unit: unit, type: .inspection))
        #expect(rig.state.mode == .main)
    }

    @Test func destructiveActionsAskFirstAndActionsBelongToTheirPane() throws {
        let rig = ConsoleRig(themeCount: 1)
        #expect(rig.press("c") == nil)
        #expect(rig.press("Enter") == nil)
        #expect(rig.state.mode == .confirming)
        #expect(rig.press("n") == nil)
        #expect(rig.state.mode == .main)
        rig.press("c")
        rig.press("Enter")
        let cancel = ConsoleRig.performed(rig.press("y"))
        #expect(cancel?.kind == .cancelEvent && cancel?.choice == .cancel(reason: "重复件"))
        rig.press("2")
        #expect(ConsoleRig.performed(rig.press("u"))?.kind == .urge)
        rig.press("3")
        #expect(rig.press("e") == nil)
        #expect(rig.state.mode == .confirming)
        let escalate = try #require(ConsoleRig.performed(rig.press("y")))
        let target = try #require(escalate.item)
        #expect(escalate.kind == .escalate && target.kind == .mediation)
        #expect(rig.store.current(.mediation, try #require(rig.store.index(.mediation, id: target.id))).mediationStatus.isOpen)
        #expect(KeyRegistry.command(forKey: "d", in: .main, focus: .tasks) == nil)
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .alerts) == .action(.resolve))
        #expect(KeyRegistry.command(forKey: "x", in: .main, focus: .events) == .action(.closeEvent))
    }
}
