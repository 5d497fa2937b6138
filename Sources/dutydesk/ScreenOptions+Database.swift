import DutyCore
import DutyDB
import DutyUI
import Foundation

extension ScreenOptions {
    /// Opens the console over the shared database: the store loaded by
    /// `DatabaseFeed.load`, followed by a `RecordFollower`. Returns only by exiting.
    func openDatabaseConsole(store: Store, feed: DatabaseFeed) throws -> Never {
        let themes = try loadThemes()
        _ = DisplayWidth.ensureUTF8Locale()
        store.confine(to: .main)
        let session = ConsoleSession(store: store, feed: .database(feed), themes: themes, language: lang)
        // Actions go through the database, each one transaction under the
        // write lock (`DatabaseLedger`); the operator is the database role.
        // It reads from where the load ended; the follower and it share that
        // cursor (`ConsoleSession`), so nothing reaches the store twice.
        // Documents' copies and handovers go to the current folder (or the
        // `--journal` option's folder, when given).
        let folder = journal.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let ledger = DatabaseLedger.open(url: feed.url, console: "\(Environment.hostName)-\(getpid())",
                                         documentsFolder: folder.isEmpty ? "." : folder, readFrom: feed.position.records,
                                         town: feed.town)
        session.performer = ActionPerformer(
            desk: ActionDesk(store: store, journal: ledger, operatorName: Environment.operatorName(`operator`), limits: try limits()),
            handoverDirectory: ledger.documentsFolder)
        try session.run(mouse: !noMouse)
    }
}
