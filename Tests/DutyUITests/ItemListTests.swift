import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// Issue 12, points 1 and 3: every header figure opens the list it counts
/// (F2–F7 or a click), the list acts like the panes, `/超期` in the task pane
/// lists exactly the header's 超期, returned tasks stay in sight, and `!`
/// shows what needs action now.
@Suite struct ItemListTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    /// Two generated days, stopped mid-way: overdue tasks, unacked alerts,
    /// returned tasks (the demo's morning has no overdue task yet).
    static func busyStore() -> Store {
        let records = GeneratedFeed.records(seed: 3, days: 2).sorted { $0.snapshot.ts < $1.snapshot.ts }
        let t = records[records.count * 3 / 4].snapshot.ts
        let store = Store(clock: .fixed(t))
        for r in records where r.snapshot.ts <= t { store.apply(r) }
        return store
    }

    static let keys: [(String, HeaderFigure)] = [("F2", .intake), ("F3", .dispatched), ("F4", .closed),
                                                  ("F5", .overdue), ("F6", .unacked), ("F7", .badLines)]

    @Test func eachFigureKeyOpensAListAsLongAsTheFigure() throws {
        let rig = ConsoleRig(store: Self.busyStore(), themeCount: 1)
        var shownNonEmpty = 0
        for (key, figure) in Self.keys {
            rig.state.mode = .main
            rig.press(key)
            #expect(rig.state.mode == .list(.figure(figure)))
            let rows = rig.listRows.rows(.figure(figure), store: rig.store)
            #expect(rows.count == figure.count(rig.store, now: rig.store.now), "\(figure)")
            // The list's box says the same number as the header.
            let frame = rig.render(badge: .live).lines
            let title = ConsoleLabels.of("ui", figure.labelKey).zh
            #expect(frame.contains { $0.contains(title) && $0.contains(" \(rows.count) ") }, "\(figure)")
            if !rows.isEmpty { shownNonEmpty += 1 }
        }
        #expect(shownNonEmpty >= 3)
    }

    @Test func enterOpensTheRowAndEscReturnsToTheList() throws {
        let rig = ConsoleRig(themeCount: 1)
        rig.press("F2")
        let rows = rig.listRows.rows(.figure(.intake), store: rig.store)
        try #require(rows.count >= 2)
        rig.press("j")
        let target = try #require(rows[1].ref)
        #expect(rig.state.listTarget == target)
        rig.press("Enter")
        #expect(rig.state.mode == .detail(DetailTarget(pane: .events, item: target.item)))
        rig.press("Esc")
        #expect(rig.state.mode == .list(.figure(.intake)))
        #expect(rig.state.listSelection == 1)
        rig.press("Esc")
        #expect(rig.state.mode == .main)
    }

    @Test func aRowActsLikeTheRowInItsOwnPane() throws {
        let rig = ConsoleRig(store: Self.busyStore(), themeCount: 1)
        rig.press("!")
        #expect(rig.state.mode == .list(.needsAction))
        let rows = rig.listRows.rows(.needsAction, store: rig.store)
        let row = try #require(rows.firstIndex { r in
            guard let ref = r.ref, ref.kind == .task else { return false }
            return rig.store.current(.task, ref.item).taskStatus.isOpen
        }, "no open task needs action in the demo morning")
        rig.state.listSelection = row
        rig.reducer.retarget(.needsAction, &rig.state)
        let ref = try #require(rig.state.listTarget)
        #expect(rig.state.actionPane == .tasks)
        // `D` (办结) asks for an outcome, then performs on this very task.
        rig.press("D")
        #expect(rig.state.mode == .choosing)
        var effect = rig.press("Enter")
        if rig.state.mode == .confirming { effect = rig.press("y") }   // 办结 asks y/n after the outcome
        let request = try #require(ConsoleRig.performed(effect))
        #expect(request.item == ActionRequest.Target(kind: .task, id: rig.store.id(.task, ref.item)))
        #expect(rig.state.mode == .list(.needsAction))
        // An event's key on a task row is not offered: it is another pane's.
        #expect(rig.press("d") == nil && rig.state.chooser == nil)
    }

    @Test func overdueFilterListsExactlyTheHeaderFigure() throws {
        let rig = ConsoleRig(store: Self.busyStore(), themeCount: 1)
        let overdue = HeaderFigure.overdue.count(rig.store, now: rig.store.now)
        #expect(overdue > 0)
        for word in ["超期", "overdue"] {
            let filter = PaneFilter(word)
            #expect(rig.paneRows.count(.tasks, store: rig.store, filter: filter) == overdue)
        }
        // State words in the other panes, and status labels as free text.
        let unacked = HeaderFigure.unacked.count(rig.store, now: rig.store.now)
        #expect(rig.paneRows.count(.alerts, store: rig.store, filter: PaneFilter("未确认")) == unacked)
        let settled = rig.paneRows.count(.events, store: rig.store, filter: PaneFilter("就地解决"))
        #expect(settled == rig.store.aggregates.count(.event, EventStatus.selfResolved))
    }

    @Test func clickingAHeaderFigureOpensItsList() throws {
        let rig = ConsoleRig(themeCount: 1)
        let layout = try #require(rig.layout)
        let parts = HeaderFigures.parts(store: rig.store, language: .zh, width: layout.header.width)
        let overdue = try #require(parts.first { $0.figure == .overdue })
        rig.apply(.click(x: overdue.x + 1, y: layout.header.y + 1))
        #expect(rig.state.mode == .list(.figure(.overdue)))
        // The text drawn there is the figure's.
        let line = rig.render(badge: .live).lines[layout.header.y + 1]
        #expect(line.contains(overdue.text))
    }

    /// In a replay the header leaves room for the progress bar (the document
    /// figures give way): a click still lands on the figure drawn there.
    @Test func aClickInAReplayOpensTheFigureDrawnThere() throws {
        let rig = ConsoleRig(store: Self.busyStore(), themeCount: 1)
        let layout = try #require(rig.layout)
        let badge = ConsoleBadge.replay(ReplayStatus(speed: 60, paused: false, finished: false, progress: 0.5,
                                                     journal: "/tmp/practice/operator-journal.jsonl"))
        let drawn = HeaderFigures.row(store: rig.store, language: .zh, width: layout.header.width, feeds: nil,
                                      leave: HeaderFigures.leave(for: badge)).figures
        let reducer = ConsoleReducer(store: rig.store, paneRows: rig.paneRows, themeCount: 1, listRows: rig.listRows, badge: badge)
        let line = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: badge, listRows: rig.listRows)
            .render(ConsoleState(), width: 120, height: 40).lines[layout.header.y + 1]
        #expect(!drawn.isEmpty)
        for part in drawn {
            #expect(line.contains(part.text))
            var state = ConsoleState()
            _ = reducer.apply(.click(x: part.x + part.width - 1, y: layout.header.y + 1), to: &state, layout: layout)
            #expect(state.mode == .list(.figure(part.figure)), "\(part.text)")
        }
    }

    @Test func returnedTasksShowAboveOpenOnesUntilRedispatched() throws {
        let rig = ConsoleRig(themeCount: 1)
        let store = rig.store
        let n = rig.paneRows.count(.tasks, store: store, filter: nil)
        let open = rig.paneRows.items(.tasks, store: store, filter: nil, from: 0, limit: n)
        let item = try #require(open.first)
        let id = store.id(.task, item)
        var t = store.current(.task, item).snapshot(store.texts)
        guard case .task(var body) = t.body else { Issue.record("not a task"); return }
        body.status = .returned
        body.reason = "权属不清"
        t.body = .task(body)
        t.ts = store.now
        store.apply(Record(id: id, snapshot: t))
        if let eventID = body.event, let e = store.index(.event, id: eventID) {
            var ev = store.current(.event, e).snapshot(store.texts)
            if case .event(var eb) = ev.body { eb.status = .open; ev.body = .event(eb) }
            ev.ts = store.now
            store.apply(Record(id: eventID, snapshot: ev))
        }
        #expect(rig.paneRows.count(.tasks, store: store, filter: nil) == n)
        #expect(rig.paneRows.items(.tasks, store: store, filter: nil, from: 0, limit: 1) == [item])
        #expect(rig.paneRows.row(of: item, .tasks, store: store, filter: nil) == 0)
        #expect(rig.paneRows.count(.tasks, store: store, filter: PaneFilter("退回")) == 1)
        let frame = rig.render(badge: .live).lines.joined(separator: "\n")
        #expect(frame.contains("权属不清"))
    }
}
