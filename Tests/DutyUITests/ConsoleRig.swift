import DutyCore
@testable import DutyUI

/// A console without a screen, for the tests of keys, clicks and actions:
/// a store, its pane rows, the reducer and the state, laid out at 120×40 as
/// the session would, and keys pressed the way the session looks them up.
/// One setup instead of the same five lines in every such test.
final class ConsoleRig {
    let store: Store
    let paneRows = PaneRows()
    let reducer: ConsoleReducer
    var state = ConsoleState()
    /// The layout at 120×40 for the state the rig started with.
    let layout: ScreenLayout?

    /// By default over the demo's busy morning (`ConsoleFrameTests.demoStore`).
    init(store: Store = ConsoleFrameTests.demoStore(), themeCount: Int) {
        self.store = store
        reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: themeCount)
        layout = ConsoleView.layout(width: 120, height: 40, state: state)
    }

    /// Presses `key` as the session does: looked up in the current mode, and
    /// among the focused pane's actions unless `paneActions` is false.
    func press(_ key: String, paneActions: Bool = true) {
        let command = paneActions ? KeyRegistry.command(forKey: key, in: state.mode, focus: state.focus)
                                  : KeyRegistry.command(forKey: key, in: state.mode)
        if let command { reducer.apply(command, to: &state, layout: layout) }
    }

    /// Applies a command directly (a click, a scroll).
    func apply(_ command: Command) { reducer.apply(command, to: &state, layout: layout) }

    /// The frame the console would show now.
    func render(badge: ConsoleBadge) -> CellGrid {
        ConsoleView(store: store, paneRows: paneRows, badge: badge).render(state, width: 120, height: 40)
    }
}
