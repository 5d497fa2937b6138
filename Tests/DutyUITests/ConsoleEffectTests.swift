import DutyCore
import Testing
@testable import DutyUI

/// What the reducer hands the session: effects returned, never left in the
/// state; requests naming their item by kind and id with typed choices,
/// which become the core's `OperatorAction` unchanged.
@Suite struct ConsoleEffectTests {
    static func press(_ key: String, _ state: inout ConsoleState, _ reducer: ConsoleReducer) -> ConsoleEffect? {
        let layout = ConsoleView.layout(width: 120, height: 40, state: state)
        guard let c = KeyRegistry.command(forKey: key, in: state.mode, focus: state.focus, replay: state.replaying) else {
            return nil
        }
        return reducer.apply(c, to: &state, layout: layout)
    }

    @Test func sessionCommandsAreReturnedAsEffects() {
        let reducer = ConsoleReducer(store: ConsoleFrameTests.demoStore(), paneRows: PaneRows(), themeCount: 1)
        var state = ConsoleState()
        state.replaying = true
        #expect(Self.press("Space", &state, reducer) == .replay(.pause))
        #expect(Self.press("+", &state, reducer) == .replay(.speed(1)))
        #expect(Self.press("-", &state, reducer) == .replay(.speed(-1)))
        #expect(Self.press(">", &state, reducer) == .replay(.seek(600_000)))
        #expect(Self.press("[", &state, reducer) == .replay(.seek(-3_600_000)))
        #expect(Self.press("0", &state, reducer) == .replay(.restart))
        #expect(Self.press("C-r", &state, reducer) == .retryJournal)
        #expect(Self.press("j", &state, reducer) == nil)
        #expect(Self.press("q", &state, reducer) == .quit)
    }

    /// A task's outcome is chosen as a `TaskOutcome` and reaches the core's
    /// action as one: no wire string parsed back.
    @Test func aTaskDoneCarriesItsIdAndTypedOutcome() throws {
        let store = ConsoleFrameTests.demoStore()
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 1)
        var state = ConsoleState()
        _ = Self.press("2", &state, reducer)
        _ = Self.press("D", &state, reducer)
        let chooser = try #require(state.chooser)
        #expect(chooser.options.map(\.value) == TaskOutcome.allCases.map { .outcome($0) })
        _ = Self.press("j", &state, reducer)
        _ = Self.press("Enter", &state, reducer)
        #expect(state.mode == .confirming)
        guard case .perform(let request) = Self.press("y", &state, reducer) else { Issue.record("no action"); return }
        let first = try #require(paneRows.items(.tasks, store: store, filter: nil, from: 0, limit: 1).first)
        let id = store.id(.task, first)
        #expect(request.item == ActionRequest.Target(kind: .task, id: id))
        #expect(request.action == .done(task: id, outcome: TaskOutcome.allCases[1]))
    }

    /// Acknowledge-all names every alert shown by id.
    @Test func acknowledgeAllCarriesTheAlertIdsShown() throws {
        let store = ConsoleFrameTests.demoStore()
        let paneRows = PaneRows()
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 1)
        var state = ConsoleState()
        _ = Self.press("4", &state, reducer)
        _ = Self.press("A", &state, reducer)
        guard case .perform(let request) = Self.press("y", &state, reducer) else { Issue.record("no action"); return }
        let rows = paneRows.count(.alerts, store: store, filter: nil)
        let shown = paneRows.items(.alerts, store: store, filter: nil, from: 0, limit: rows).map { store.id(.alert, $0) }
        #expect(!shown.isEmpty && request.alerts == shown && request.item == nil)
        #expect(request.action == .acknowledgeAll(alerts: shown))
    }

    /// A request whose choice is missing is no action (the session says
    /// "nothing selected"); a cancel without a reason goes on for the core
    /// to refuse by name; the handover is not a journaled action.
    @Test func aRequestLackingItsChoiceIsNoAction() {
        let event = ActionRequest.Target(kind: .event, id: "E1")
        #expect(ActionRequest(kind: .dispatch, item: event).action == nil)
        #expect(ActionRequest(kind: .dispatch, item: nil, choice: .dispatch(unit: "u", type: .joint)).action == nil)
        #expect(ActionRequest(kind: .dispatch, item: event, choice: .dispatch(unit: "u", type: .joint)).action
            == .dispatch(event: "E1", unit: "u", type: .joint))
        #expect(ActionRequest(kind: .cancelEvent, item: event).action == .cancel(event: "E1", reason: ""))
        #expect(ActionRequest(kind: .returnTask, item: ActionRequest.Target(kind: .task, id: "T")).action == nil)
        #expect(ActionRequest(kind: .handover).action == nil)
    }

    /// The confirmation question names the choice as before: the reason,
    /// or the outcome's wire name.
    @Test func theChoiceIsShownAsBefore() {
        #expect(ActionChoice.cancel(reason: "误报").shown == "误报")
        #expect(ActionChoice.done(.penalty).shown == TaskOutcome.penalty.wire)
        #expect(ActionChoice.dispatch(unit: "锦屏派出所", type: .joint).shown == "锦屏派出所")
        #expect(ActionChoice.none.shown == nil)
    }
}
