import DutyCore
@testable import DutyUI

/// A console without a screen, for the tests of keys, clicks and actions:
/// a store, its pane rows, the reducer and the state, laid out at 120×40 as
/// the session would, and keys pressed the way the session looks them up.
/// One setup instead of the same five lines in every such test.
final class ConsoleRig {
    let store: Store
    let paneRows = PaneRows()
    let listRows = ItemListRows()
    let reducer: ConsoleReducer
    var state = ConsoleState()
    /// The layout at 120×40 for the state the rig started with.
    let layout: ScreenLayout?

    /// By default over the demo's busy morning (`ConsoleFrameTests.demoStore`).
    init(store: Store = ConsoleFrameTests.demoStore(), themeCount: Int) {
        _ = UITest.locale
        self.store = store
        reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: themeCount, listRows: listRows)
        // As the session lays out: panes sized by their content, like the frame drawn.
        layout = ConsoleView(store: store, paneRows: paneRows, badge: .live).layout(width: 120, height: 40, state: state)
    }

    /// Presses `key` as the session does: looked up in the current mode, and
    /// among the focused pane's actions unless `paneActions` is false.
    /// Returns the effect the session would carry out, if any.
    @discardableResult
    func press(_ key: String, paneActions: Bool = true) -> ConsoleEffect? {
        let command = paneActions ? KeyRegistry.command(forKey: key, in: state.mode, focus: state.actionPane, pasting: state.pasting)
                                  : KeyRegistry.command(forKey: key, in: state.mode, pasting: state.pasting)
        guard let command else { return nil }
        return reducer.apply(command, to: &state, layout: layout)
    }

    /// Applies a command directly (a click, a scroll).
    @discardableResult
    func apply(_ command: Command) -> ConsoleEffect? { reducer.apply(command, to: &state, layout: layout) }

    /// The request of a `.perform` effect, if that is what a key returned.
    static func performed(_ effect: ConsoleEffect?) -> ActionRequest? {
        if case .perform(let request) = effect { return request }
        return nil
    }

    /// The frame the console would show now.
    func render(badge: ConsoleBadge) -> CellGrid {
        ConsoleView(store: store, paneRows: paneRows, badge: badge, listRows: listRows).render(state, width: 120, height: 40)
    }
}
