import DutyCore
import Testing
@testable import DutyUI

/// What the reducer hands the session: effects returned, never left in the
/// state; requests naming their item by kind and id with typed choices,
/// which become the core's `OperatorAction` unchanged.
@Suite struct ConsoleEffectTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    /// A console over the demo day, driven by keys as the session drives it.
    struct Console {
        let store = ConsoleFrameTests.demoStore()
        let paneRows = PaneRows()
        var state = ConsoleState()

        /// Presses the keys in turn; the effect of the last one.
        mutating func press(_ keys: String...) -> ConsoleEffect? {
            let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 1)
            var effect: ConsoleEffect?
            for key in keys {
                let layout = ConsoleView.layout(width: 120, height: 40, state: state)
                let command = KeyRegistry.command(forKey: key, in: state.mode, focus: state.focus, replay: state.replaying)
                effect = command.flatMap { reducer.apply($0, to: &state, layout: layout) }
            }
            return effect
        }

        /// The ids of the first `limit` rows of a pane (all when nil).
        func ids(_ pane: Pane, limit: Int? = nil) -> [String] {
            let kind = PaneRows.kind(of: pane)!
            let rows = limit ?? paneRows.count(pane, store: store, filter: nil)
            return paneRows.items(pane, store: store, filter: nil, from: 0, limit: rows).map { store.id(kind, $0) }
        }
    }

    @Test func sessionCommandsAreReturnedAsEffects() {
        var console = Console()
        console.state.replaying = true
        #expect(console.press("Space") == .replay(.pause))
        #expect(console.press("+") == .replay(.speed(1)))
        #expect(console.press("-") == .replay(.speed(-1)))
        #expect(console.press(">") == .replay(.seek(600_000)))
        #expect(console.press("[") == .replay(.seek(-3_600_000)))
        #expect(console.press("0") == .replay(.restart))
        #expect(console.press("C-r") == .retryJournal)
        #expect(console.press("j") == nil)
        #expect(console.press("q") == .quit)
    }

    /// A task's outcome is chosen as a `TaskOutcome` and reaches the core's
    /// action as one: no wire string parsed back.
    @Test func aTaskDoneCarriesItsIdAndTypedOutcome() throws {
        var console = Console()
        #expect(console.press("2", "D") == nil)
        let chooser = try #require(console.state.chooser)
        #expect(chooser.options.map(\.value) == TaskOutcome.allCases.map { .outcome($0) })
        #expect(console.press("j", "Enter") == nil && console.state.mode == .confirming)
        guard case .perform(let request) = console.press("y") else { Issue.record("no action"); return }
        let id = try #require(console.ids(.tasks, limit: 1).first)
        #expect(request.item == ActionRequest.Target(kind: .task, id: id))
        #expect(request.action == .done(task: id, outcome: TaskOutcome.allCases[1]))
    }

    /// Acknowledge-all names every alert shown by id (one of them open: with
    /// none, the key is refused before the y/n).
    @Test func acknowledgeAllCarriesTheAlertIdsShown() throws {
        var console = Console()
        let first = try #require(console.ids(.alerts, limit: 1).first)
        var s = console.store.current(.alert, try #require(console.store.index(.alert, id: first))).snapshot(console.store.texts)
        if case .alert(var a) = s.body { a.status = .open; s.body = .alert(a) }
        s.ts += 1
        console.store.apply(Record(id: first, snapshot: s))
        guard case .perform(let request) = console.press("4", "A", "y") else { Issue.record("no action"); return }
        let shown = console.ids(.alerts)
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

    /// The confirmation question names the choice: the reason, or the
    /// outcome in the operator's language.
    @Test func theChoiceIsShownInTheOperatorsLanguage() {
        #expect(ActionChoice.cancel(reason: "误报").shown(.en) == "误报")
        #expect(ActionChoice.done(.penalty).shown(.zh) == TaskOutcome.penalty.label.zh)
        #expect(ActionChoice.done(.penalty).shown(.en) == TaskOutcome.penalty.label.en)
        #expect(ActionChoice.dispatch(unit: "锦屏派出所", type: .joint).shown(.zh) == "锦屏派出所")
        #expect(ActionChoice.none.shown(.zh) == nil)
    }
}
