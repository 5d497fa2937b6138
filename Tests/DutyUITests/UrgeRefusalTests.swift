import DutyCore
import Testing
@testable import DutyUI

/// `u` (催办) is refused at the key, with the reason in the status line, on a
/// task urged within the last 30 minutes (by anyone: the urge is in the
/// task's history) — as on a task no longer owed.
@Suite struct UrgeRefusalTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    @Test func aSecondUrgeWithinHalfAnHourIsRefusedAtTheKey() throws {
        let rig = ConsoleRig(themeCount: 1)
        let now = rig.store.now
        let id = try RefuseAtKeyTests.select(rig, .tasks) { $0.taskStatus.isOpen && $0.ts < now }
        let first = rig.press("u")   // allowed: never urged
        #expect(first != nil || rig.state.pendingConfirmation != nil)
        rig.state.mode = .main
        rig.state.pendingConfirmation = nil
        let urged = try OperatorActions.urge(rig.store, task: id, ActionContext(operator: "值班员乙", now: now)).get()
        for r in urged { rig.store.apply(r) }
        try RefuseAtKeyTests.select(rig, .tasks) { _ in true }
        let n = rig.paneRows.count(.tasks, store: rig.store, filter: nil)
        let items = rig.paneRows.items(.tasks, store: rig.store, filter: nil, from: 0, limit: n)
        rig.state.selection[Pane.tasks.rawValue] = try #require(items.firstIndex { rig.store.id(.task, $0) == id })
        let refusal = ActionRefusal(.urgedRecently, Label(LocalTime.clock(now), LocalTime.clock(now)))
        #expect(rig.press("u") == nil)
        #expect(rig.state.mode == .main && rig.state.pendingConfirmation == nil)
        #expect(rig.state.status?.hasSuffix(refusal.message.zh) == true)
        #expect(refusal.message.zh.contains("30分钟") && refusal.message.en.contains("30 minutes"))
        rig.state.language = .en
        #expect(rig.press("u") == nil)
        #expect(rig.state.status?.hasSuffix(refusal.message.en) == true)
    }
}
