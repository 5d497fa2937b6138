import DutyCore
import DutyTestSupport
import Foundation
import Testing

/// A console whose journal is kept outside the folders it watches
/// (`watch FEEDS --journal elsewhere`) follows the journal too. Before, only a
/// journal inside a watched folder was read: a console restarted with
/// `--journal` elsewhere showed none of its own earlier actions, and a
/// second console on the same journal showed the first one's only when it
/// acted itself — two consoles disagreeing.
@Suite struct JournalTailTests {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 10)

    @Test func aJournalOutsideTheWatchedFolderIsFollowed() throws {
        let feeds = TempFolder.make(); defer { TempFolder.remove(feeds) }
        let elsewhere = TempFolder.make(); defer { TempFolder.remove(elsewhere) }
        try (Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n")
            .write(toFile: feeds.path + "/feed.jsonl", atomically: false, encoding: .utf8)
        let journal = elsewhere.path + "/operator-journal.jsonl"
        var store = Store(clock: .fixed(Self.now))
        let tailer = FeedTailer(paths: [feeds.path], journal: journal)
        tailer.poll(into: &store)
        // No journal yet: nothing amiss (the first action creates it).
        #expect(tailer.feedProblems.isEmpty && tailer.waiting == nil)
        #expect(store.item(.event, id: "E1")?.current.statusWire == "open")
        // Another console dispatches E1 through the journal.
        var other = Store(clock: .fixed(Self.now))
        FeedTailer(paths: [feeds.path]).poll(into: &other)
        let desk = ActionDesk(store: other, journal: OperatorJournal(path: journal, console: "b"), operatorName: "王")
        guard case .written = desk.perform(.dispatch(event: "E1", unit: "锦屏派出所", type: .empowered)) else {
            Issue.record("dispatch not written"); return
        }
        tailer.poll(into: &store)
        #expect(store.item(.event, id: "E1")?.current.statusWire == "dispatched")
        // A console started afresh sees it at once.
        var fresh = Store(clock: .fixed(Self.now))
        FeedTailer(paths: [feeds.path], journal: journal).poll(into: &fresh)
        #expect(fresh.item(.event, id: "E1")?.current.statusWire == "dispatched")
        // Without the journal (as `watch` was before), it does not.
        var blind = Store(clock: .fixed(Self.now))
        FeedTailer(paths: [feeds.path]).poll(into: &blind)
        #expect(blind.item(.event, id: "E1")?.current.statusWire == "open")
    }

    @Test func aJournalInsideTheWatchedFolderIsReadOnce() throws {
        let feeds = TempFolder.make(); defer { TempFolder.remove(feeds) }
        try (Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n")
            .write(toFile: feeds.path + "/operator-journal.jsonl", atomically: false, encoding: .utf8)
        var store = Store(clock: .fixed(Self.now))
        let tailer = FeedTailer(paths: [feeds.path], journal: feeds.path + "/operator-journal.jsonl")
        tailer.poll(into: &store)
        #expect(store.records == 1 && store.duplicates == 0)
        #expect(tailer.health.files == 1)
    }
}
