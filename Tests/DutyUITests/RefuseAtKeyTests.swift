import DutyCore
import Testing
@testable import DutyUI

/// Issue 12, point 5: an action the selected row's state does not allow is
/// refused at its key with the core's reason (no chooser, no y/n); the
/// footer offers only what the row allows; dialogs name the item and what
/// will happen to it.
@Suite struct RefuseAtKeyTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    /// Selects the first row of `pane` whose current state matches; its id.
    @discardableResult
    static func select(_ rig: ConsoleRig, _ pane: Pane, where match: (CompactSnapshot) -> Bool) throws -> String {
        let kind = try #require(PaneRows.kind(of: pane))
        let n = rig.paneRows.count(pane, store: rig.store, filter: nil)
        let items = rig.paneRows.items(pane, store: rig.store, filter: nil, from: 0, limit: n)
        let row = try #require(items.firstIndex { match(rig.store.current(kind, $0)) }, "no such row in \(pane)")
        rig.state.focus = pane
        rig.state.selection[pane.rawValue] = row
        return rig.store.id(kind, items[row])
    }

    static func footer(_ rig: ConsoleRig) -> String { rig.render(badge: .live).lines.last ?? "" }

    /// Writes a later snapshot of an item, changed (the demo morning has no
    /// district case being mediated and no open alert at this point).
    static func rewrite(_ rig: ConsoleRig, _ kind: Kind, _ id: String, _ change: (inout Body) -> Void) throws {
        var s = rig.store.current(kind, try #require(rig.store.index(kind, id: id))).snapshot(rig.store.texts)
        change(&s.body)
        s.ts += 1
        rig.store.apply(Record(id: id, snapshot: s))
    }

    @Test func dispatchOnASelfResolvedEventIsRefusedAtTheKey() throws {
        let rig = ConsoleRig(themeCount: 1)
        try Self.select(rig, .events) { $0.eventStatus == .selfResolved }
        let refusal = ActionRefusal(.eventNotOpen, EventStatus.selfResolved.label)
        #expect(rig.press("d") == nil)
        #expect(rig.state.mode == .main && rig.state.chooser == nil)
        #expect(rig.state.status == "转派: " + refusal.message.zh)
        rig.state.language = .en
        #expect(rig.press("d") == nil && rig.state.mode == .main)
        #expect(rig.state.status == "dispatch: " + refusal.message.en)
    }

    @Test func escalatingADistrictCaseAsksNoYesNo() throws {
        let rig = ConsoleRig(themeCount: 1)
        let id = try Self.select(rig, .mediation) { $0.mediationStatus == .mediating }
        try Self.rewrite(rig, .mediation, id) { if case .mediation(var m) = $0 { m.tier = .district; $0 = .mediation(m) } }
        try Self.select(rig, .mediation) { $0.tier == .district && $0.mediationStatus == .mediating }
        #expect(rig.press("e") == nil)
        #expect(rig.state.mode == .main && rig.state.pendingConfirmation == nil)
        #expect(rig.state.status == "上提: " + ActionRefusal(.topTier).message.zh)
    }

    /// 退回, 撤销, 办结 choose a reason or an outcome: no task type, so no Tab.
    @Test func onlyTheDispatchChooserOffersTab() throws {
        let rig = ConsoleRig(themeCount: 1)
        let tab = ConsoleLabels.of("key", "task_type").zh
        for (pane, key) in [(Pane.tasks, "r"), (.tasks, "D"), (.events, "c")] {
            try Self.select(rig, pane) { pane == .tasks ? $0.taskStatus.isOpen : $0.eventStatus == .open }
            rig.press(key)
            #expect(rig.state.mode == .choosing, "\(key)")
            #expect(!Self.footer(rig).contains(tab), "\(key)")
            rig.press("Esc")
        }
        try Self.select(rig, .events) { $0.eventStatus == .open }
        rig.press("d")
        #expect(Self.footer(rig).contains("Tab " + tab))
    }

    /// The y/n names the task, its unit and the reason; the escalation the
    /// tiers; the dispatch chooser the unit under the cursor and the due time.
    @Test func dialogsNameTheItemAndTheEffect() throws {
        let rig = ConsoleRig(themeCount: 1)
        let task = try Self.select(rig, .tasks) { $0.taskStatus.isOpen }
        let unit = rig.store.text(rig.store.current(.task, try #require(rig.store.index(.task, id: task))).task.unit)
        rig.press("r")
        rig.press("Enter")
        #expect(rig.state.mode == .confirming)
        let reason = District.returnReasons[0]
        let request = try #require(rig.state.pendingConfirmation)
        #expect(ActionDialog.question(request, store: rig.store, .zh) == "退回 \(task)（\(unit)）· \(reason)？")
        #expect(ActionDialog.question(request, store: rig.store, .en) == "return \(task) (\(unit)) · \(reason)?")
        #expect(Self.footer(rig).contains("退回 \(task)（\(unit)）"))
        rig.press("Esc")
        rig.state.language = .zh

        let mediation = try Self.select(rig, .mediation) { $0.tier == .village && $0.mediationStatus == .mediating }
        rig.press("e")
        #expect(Self.footer(rig).contains("上提 \(mediation)：村社/网格 → 镇街？"))
        rig.press("Esc")

        let event = try Self.select(rig, .events) { $0.eventStatus == .open }
        rig.press("d")
        let chooser = try #require(rig.state.chooser)
        guard case .unit(let first) = chooser.options[0].value else { Issue.record("not a unit"); return }
        let priority = rig.store.current(.event, try #require(rig.store.index(.event, id: event))).priority
        let due = LocalTime.dayClock(rig.store.now + TaskTimeLimits.standard.limit(priority: priority))
        #expect(ActionDialog.title(chooser, store: rig.store, .zh) == "转派 \(event) → \(first) · 时限 \(due)")
        #expect(ActionDialog.title(chooser, store: rig.store, .en) == "dispatch \(event) → \(first) · due \(due)")
        #expect(rig.render(badge: .live).text.contains("转派 \(event) → \(first)"))
    }

    /// The footer lists the actions the selected row allows, all of them at
    /// 120 columns, and none that its state refuses.
    @Test func theFooterListsOnlyTheRowsActions() throws {
        let rig = ConsoleRig(themeCount: 1)
        try Self.select(rig, .events) { $0.eventStatus == .open }
        var footer = Self.footer(rig)
        #expect(footer.contains("d 转派") && footer.contains("c 撤销事件") && !footer.contains("x 结案"))
        try Self.select(rig, .events) { $0.eventStatus == .selfResolved }
        footer = Self.footer(rig)
        #expect(!footer.contains("d 转派") && !footer.contains("c 撤销事件") && !footer.contains("x 结案"))
        #expect(footer.contains("Enter 详情"))
        try Self.select(rig, .alerts) { $0.alertStatus == .acked }
        footer = Self.footer(rig)
        #expect(!footer.contains("a 确认") && footer.contains("z 暂缓30分钟") && footer.contains("x 解除"))
        let alert = try Self.select(rig, .alerts) { _ in true }
        try Self.rewrite(rig, .alert, alert) { if case .alert(var a) = $0 { a.status = .open; $0 = .alert(a) } }
        try Self.select(rig, .alerts) { $0.alertStatus == .open }
        footer = Self.footer(rig)
        #expect(footer.contains("a 确认") && footer.contains("A 全部确认") && footer.contains("z 暂缓30分钟"))
    }

    /// A done task is refused 退回/催办/办结 by id (the pane lists open
    /// tasks only, so a done one leaves it), and a tasks pane with no row
    /// offers none of them.
    @Test func aDoneTaskOffersNoReturnOrDone() throws {
        let rig = ConsoleRig(themeCount: 1)
        let id = try Self.select(rig, .tasks) { $0.taskStatus.isOpen }
        let item = ActionRequest.Target(kind: .task, id: id)
        try Self.rewrite(rig, .task, id) { if case .task(var t) = $0 { t.status = .done; $0 = .task(t) } }
        for kind in [ActionKind.returnTask, .urge, .done] {
            #expect(ActionRequest(kind: kind, item: item).refusal(in: rig.store)?.code == .taskNotOpen)
        }
        #expect(Self.footer(rig).contains("r 退回"))   // the row holds the next open task
        rig.state.filters[Pane.tasks.rawValue] = PaneFilter("没有这样的任务")
        let footer = Self.footer(rig)
        #expect(!footer.contains("r 退回") && !footer.contains("u 催办") && !footer.contains("D 办结"))
        #expect(footer.contains("Tab 下一窗格"))
    }
}
