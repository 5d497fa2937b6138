import Foundation
import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// Review of issue 12: an action key acts on the item highlighted, never on
/// one left over from a view the operator has gone back from.
@Suite struct ActionTargetTests {
    /// Esc from an incident opened from a list, after selecting another
    /// linked item there: the list's highlighted row is the target again.
    @Test func backFromAnIncidentTargetsTheListRowAgain() throws {
        let rig = ConsoleRig(store: ItemListTests.busyStore(), themeCount: 1)
        rig.press("!")
        let list = ItemList.needsAction
        let rows = rig.listRows.rows(list, store: rig.store)
        // A row whose incident links more than the item itself.
        let row = try #require(rows.indices.first { i in
            guard let ref = rows[i].ref else { return false }
            return rig.reducer.links(of: DetailTarget(kind: ref.kind, item: ref.item)).count >= 2
        })
        rig.state.listSelection = row
        rig.reducer.retarget(list, &rig.state)
        let ref = try #require(rig.state.listTarget)
        rig.press("Enter")
        guard case .detail = rig.state.mode else { Issue.record("no incident opened"); return }
        // Select a linked item other than the row's own.
        rig.press(rig.state.detailLink == 0 ? "j" : "k")
        #expect(rig.state.listTarget != ref)
        rig.press("Esc")
        #expect(rig.state.mode == .list(list))
        #expect(rig.state.listSelection == row)
        #expect(rig.state.listTarget == ref, "the action keys act on the highlighted row")
        #expect(rig.state.actionPane == PaneRows.pane(of: ref.kind))
    }

    /// New items arriving above the highlighted row of an open list: the
    /// selection stays on the item the operator chose, as in a pane.
    @Test func newRowsAboveKeepTheSelectionOnItsItem() throws {
        let rig = ConsoleRig(themeCount: 1)
        let list = ItemList.figure(.intake)
        rig.press("F2")
        let rows = rig.listRows.rows(list, store: rig.store)
        try #require(rows.count >= 3)
        rig.press("j")
        let chosen = try #require(rig.state.listTarget)
        // Two events reported today, the earliest and the latest instant:
        // whichever way the list runs, one lands above the selection.
        let today = LocalTime.today(rig.store.now)
        for (n, ms) in [today.lowerBound + 1000, rig.store.now].enumerated() {
            let ts = Line.time(Date(timeIntervalSince1970: Double(ms) / 1000))
            var line = Line.event("SJ-REVIEW-\(n)", ts)
            line.withUTF8 { _ = rig.store.ingest(line: UnsafeRawBufferPointer($0), file: "review.jsonl", lineNumber: n + 1, offset: 0) }
        }
        let after = rig.listRows.rows(list, store: rig.store)
        #expect(after.count == rows.count + 2)
        #expect(after[1].ref != chosen, "a new row is above the chosen one")
        rig.reducer.followList(list, &rig.state, layout: rig.layout)   // as the session does on new records
        #expect(rig.state.listTarget == chosen)
        #expect(after[rig.state.listSelection].ref == chosen)
    }

    /// A click on a header figure does what its key does, where its key
    /// does: over a half-made action's chooser it leaves the action be
    /// (before, the chooser vanished and its return point stayed behind).
    @Test func headerClickLeavesAChooserBe() throws {
        let rig = ConsoleRig(store: ItemListTests.busyStore(), themeCount: 1)
        let layout = try #require(rig.layout)
        rig.press("!")
        let rows = rig.listRows.rows(.needsAction, store: rig.store)
        let row = try #require(rows.firstIndex { r in
            guard let ref = r.ref, ref.kind == .task else { return false }
            return rig.store.current(.task, ref.item).taskStatus.isOpen
        })
        rig.state.listSelection = row
        rig.reducer.retarget(.needsAction, &rig.state)
        rig.press("D")
        try #require(rig.state.mode == .choosing)
        let parts = HeaderFigures.parts(store: rig.store, language: rig.state.language, width: layout.header.width)
        let overdue = try #require(parts.first { $0.figure == .overdue })
        rig.apply(.click(x: overdue.x + 1, y: layout.header.y + 1))
        #expect(rig.state.mode == .choosing)
        #expect(rig.state.chooser != nil)
        #expect(KeyRegistry.command(forKey: "F5", in: .choosing) == nil, "nor does its key")
    }
}

/// The store changes under an incident view (a new task dispatched for the
/// event): the highlighted linked row and the action target stay one item.
@Suite struct IncidentTargetTests {
    @Test func aNewLinkedItemDoesNotSplitHighlightAndTarget() throws {
        _ = UITest.locale
        let rig = ConsoleRig(store: IncidentFeed.store(), themeCount: 1)
        let event = try #require(rig.store.index(.event, id: IncidentFeed.event))
        rig.press(String(Pane(kind: .event).number))
        rig.state.selection[Pane.events.rawValue] = try #require(rig.paneRows.row(of: event, .events, store: rig.store, filter: nil))
        rig.press("Enter")
        guard case .detail(let target) = rig.state.mode else { Issue.record("no incident opened"); return }
        let before = rig.reducer.links(of: target)
        let alert = try #require(rig.store.index(.alert, id: IncidentFeed.taskAlert))
        let row = try #require(before.firstIndex(of: IncidentMember(kind: .alert, index: alert)))
        while rig.state.detailLink < row { rig.press("j") }
        #expect(rig.state.listTarget == ItemRef(.alert, alert))
        // Another task dispatched for the event: listed before the alerts.
        let line = #"{"kind":"task","id":"ZF-20261204-0011","ts":"2026-12-04T13:50:00+08:00","event":"\#(IncidentFeed.event)","type":"empowered","unit":"西坞街道综合行政执法中队","town":"锦屏街道","due":"2026-12-04T17:50:00+08:00","status":"dispatched","by":"值班员甲"}"#
        var l = line
        l.withUTF8 { _ = rig.store.ingest(line: UnsafeRawBufferPointer($0), file: "incident.jsonl", lineNumber: 99, offset: 0) }
        let after = rig.reducer.links(of: target)
        #expect(after.count == before.count + 1)
        rig.reducer.followLink(&rig.state)   // as the session does on new records
        #expect(after[rig.state.detailLink] == IncidentMember(kind: .alert, index: alert), "the highlight stays on the alert")
        #expect(rig.state.listTarget == ItemRef(.alert, alert))
    }
}
