import DutyCore
import DutyTestSupport
import Foundation
import Testing
@testable import DutyUI

/// Issue 10, item 9: file names are chosen by whoever can write to the feed
/// folder; on screen they show with the same visible replacements as field
/// values, never as the escape sequences they hold.
@Suite struct FileNameFrameTests {
    @Test func hostileFeedAndJournalNamesShowTheirReplacements() throws {
        _ = UITest.locale
        let folder = try TempFolder("names")
        defer { folder.remove() }
        let dir = folder.path
        // A FIFO with an escape in its name: the tailer names it as a problem.
        #expect(mkfifo(dir + "/a\u{1B}]0;PWNED\u{07}.jsonl", 0o644) == 0)
        let tailer = FeedTailer(paths: [dir])
        let store = Store(clock: .eventTime)
        var sink = store
        tailer.poll(into: &sink)
        #expect(tailer.problems == ["\(dir)/a␛]0;PWNED␇.jsonl: not a regular file (a FIFO) — retrying every poll"])

        let replay = ReplayStatus(speed: 60, paused: false, finished: false, progress: 0.5,
                                  journal: "/tmp/j\u{1B}[2J\u{9B}0m/operator-journal.jsonl")
        let feeds = FeedStatus(files: 0, lastLine: nil, problems: tailer.feedProblems)
        for badge in [ConsoleBadge.live, .replay(replay)] {
            // A replay has no tailer of its own: no feed problems beside its journal.
            let grid = ConsoleView(store: store, paneRows: PaneRows(), badge: badge, feeds: badge == .live ? feeds : nil)
                .render(ConsoleState(), width: 240, height: 40)
            let text = screenText(grid)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
            if badge == .live {
                // In the console's language (Chinese by default).
                #expect(text.contains("a␛]0;PWNED␇.jsonl：不是普通文件（a FIFO）（每次轮询重试）"))
            } else {
                #expect(text.contains("/tmp/j␛[2J\u{FFFD}0m/operator-journal.jsonl"))
            }
        }
    }
}
