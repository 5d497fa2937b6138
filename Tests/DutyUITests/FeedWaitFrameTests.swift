import DutyCore
import DutyTestSupport
import Foundation
import Testing
@testable import DutyUI

/// Issue 12, point 8: `watch` over an empty or missing folder says in the
/// events pane what is wrong and what it waits for, in the console's
/// language, with the path's control bytes shown as visible replacements.
@Suite struct FeedWaitFrameTests {
    /// The frame of a live console over `paths` after one poll.
    static func frame(_ paths: [String], _ language: Language, pollMillis: Int = 500) -> String {
        _ = UITest.locale
        let tailer = FeedTailer(paths: paths)
        let store = Store(clock: .eventTime)
        var sink = store
        tailer.poll(into: &sink)
        let feeds = FeedStatus(files: 0, lastLine: nil, problems: tailer.feedProblems, waiting: tailer.waiting,
                               pollMillis: pollMillis)
        var state = ConsoleState()
        state.language = language
        let grid = ConsoleView(store: store, paneRows: PaneRows(), badge: .live, feeds: feeds)
            .render(state, width: 240, height: 40)
        return screenText(grid)
    }

    @Test func anEmptyFolderSaysItWaitsForAFeedFile() throws {
        let folder = try TempFolder("wait")
        defer { folder.remove() }
        let zh = Self.frame([folder.path], .zh)
        #expect(zh.contains("等待数据：\(folder.path) 中还没有 .jsonl 文件"), "\(zh)")
        let en = Self.frame([folder.path], .en)
        #expect(en.contains("no feed file in \(folder.path) yet: waiting"), "\(en)")
    }

    @Test func aMissingPathSaysSoAndHowOftenItIsRetried() {
        let path = "/nonexistent/a\u{1B}[2Jb"
        let zh = Self.frame([path], .zh)
        #expect(zh.contains("路径不存在：/nonexistent/a␛[2Jb（每 0.5 秒重试）"), "\(zh)")
        let en = Self.frame([path], .en, pollMillis: 2000)
        #expect(en.contains("path does not exist: /nonexistent/a␛[2Jb (retrying every 2 s)"), "\(en)")
        #expect(!en.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func aFolderWithAnEmptyFeedShowsNone() throws {
        let folder = try TempFolder("fed")
        defer { folder.remove() }
        try "".write(toFile: folder.file("a.jsonl"), atomically: true, encoding: .utf8)   // followed, nothing in it yet
        let text = Self.frame([folder.path], .en)
        #expect(text.contains("(none)"), "\(text)")
        #expect(!text.contains("no feed file"), "\(text)")
        #expect(!text.contains("path does not exist"))
    }

    @Test func aPathThatIsNoFolderIsNotSaidToBeWaitedFor() {
        // The header names the problem; "no feed file yet" would mislead.
        let text = Self.frame(["/dev/null"], .en)
        #expect(text.contains("/dev/null: not a regular file or directory"), "\(text)")
        #expect(!text.contains("no feed file"), "\(text)")
    }

    @Test func secondsAreWrittenWithoutTrailingZeros() {
        #expect(FeedWaitText.seconds(500) == "0.5")
        #expect(FeedWaitText.seconds(250) == "0.25")
        #expect(FeedWaitText.seconds(2000) == "2")
        #expect(FeedWaitText.seconds(1050) == "1.05")
        #expect(FeedWaitText.seconds(10) == "0.01")
    }
}

/// OS errors in the header are said in the operator's language and cut at
/// a word, never inside one.
@Suite struct FeedProblemTextTests {
    @Test func anUnreadableFolderIsNamedInEachLanguage() throws {
        do {
            // A path through a plain file (ENOTDIR): fails for root too.
            let folder = try TempFolder("notdir")
            defer { folder.remove() }
            let file = folder.path + "/plain"
            try Data("x".utf8).write(to: URL(fileURLWithPath: file))
            let tailer = FeedTailer(paths: [file + "/feeds"])
            var sink = Store()
            tailer.poll(into: &sink)
            let p = try #require(tailer.feedProblems.first)
            #expect(p.text(.zh) == Sanitize.path(file + "/feeds") + "：路径中有一段不是目录")
            #expect(p.text(.en) == Sanitize.path(file + "/feeds") + ": Not a directory")
            #expect(p.text(.en, retrying: true).hasSuffix(" — retrying every poll"))
            #expect(p.text(.zh, retrying: true).hasSuffix("（每次轮询重试）"))
        }
    }

    @Test func englishIsCutAtAWord() {
        _ = UITest.locale
        let s = "⚠ /srv/feeds: Permission denied — retrying every poll"
        #expect(TextFit.cutAtWord(s, width: 30) == "⚠ /srv/feeds: Permission…")
        #expect(TextFit.cutAtWord(s, width: 200) == s)
        // Chinese has no spaces: cut at a character.
        let zh = "⚠ /srv/feeds：没有权限（每次轮询重试）"
        #expect(TextFit.width(TextFit.cutAtWord(zh, width: 20)) <= 20)
        #expect(TextFit.cutAtWord(zh, width: 20).hasSuffix("…"))
    }
}
