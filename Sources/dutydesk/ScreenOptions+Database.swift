import DutyCore
import DutyUI

extension ScreenOptions {
    /// Opens the console over the shared database: the store loaded by
    /// `DatabaseFeed.load`, followed by a `RecordFollower`. Returns only by exiting.
    func openDatabaseConsole(store: Store, feed: DatabaseFeed) throws -> Never {
        let themes = try loadThemes()
        _ = DisplayWidth.ensureUTF8Locale()
        store.confine(to: .main)
        let session = ConsoleSession(store: store, feed: .database(feed), themes: themes, language: lang)
        // The seam for actions over the database: `DatabaseLedger` (each
        // action one transaction under the write lock) builds
        // `session.performer` here. Until it does, the console is read-only
        // and every action key says so (`ConsoleSession.readOnlyRefusal`).
        session.performer = nil
        try session.run(mouse: !noMouse)
    }
}
