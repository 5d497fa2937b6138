import DutyTestSupport
import Foundation
import Testing

/// Issue 12, point 9, with the real binary: a dispatch, then `H` with who
/// takes over and a note typed in the footer; the document beside the
/// journal lists the dispatch, and a second console watching the folder says
/// that the handover happened.
extension TmuxConsoleTests {
    @Test func handoverIsAskedWrittenBesideTheJournalAndSeenByAnotherConsole() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let line = Line.event("SJ-TEST-0009", Line.time(Date().addingTimeInterval(-300)), title: "交班测试")
        try (line + "\n").write(to: dir.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        func console(_ name: String, _ lang: String) -> String {
            "TERM=xterm-256color '\(CLIRunner.executable.path)' watch --poll 100 --lang \(lang) --operator \(name) '\(dir.path)'; sleep 30"
        }
        let a = Tmux(), b = Tmux()
        try a.run(["new-session", "-d", "-s", a.session, "-x", "120", "-y", "40", console("值班员甲", "zh")])
        try b.run(["new-session", "-d", "-s", b.session, "-x", "120", "-y", "40", console("值班员丙", "en")])
        #expect(a.waitFor("console A") { $0.contains("交班测试") })
        #expect(b.waitFor("console B") { $0.contains("交班测试") })
        try a.keys("d")
        #expect(a.waitFor("A's chooser") { $0.contains("任务类型：") })
        try a.keys("Enter")
        #expect(a.waitFor("A dispatched") { $0.contains("转派 ✓") })

        try a.keys("H")
        #expect(a.waitFor("who takes over") { $0.contains("交接班 · 接班人: ▏") })
        try a.keys("值班员乙")
        try a.keys("Enter")
        #expect(a.waitFor("the note") { $0.contains("交班备注（可空）: ▏") })
        try a.keys("注意回访")
        try a.keys("Enter")
        #expect(a.waitFor("the document") { $0.contains("交接班 ✓") && $0.contains("交班人: 值班员甲 · 接班人: 值班员乙") })
        #expect(b.waitFor("B told") { $0.contains("handover ") && $0.contains(" 值班员甲 → 值班员乙") })

        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("handover-") }
        #expect(files.count == 1 && files.first?.hasSuffix("-值班员甲.md") == true, "\(files)")
        let text = try String(contentsOf: dir.appendingPathComponent(files.first ?? "none"), encoding: .utf8)
        #expect(text.contains("## 本班操作（1）") && text.contains("· 转派 → ") && text.contains("事件 SJ-TEST-0009"))
        #expect(text.hasSuffix("## 交班备注\n\n注意回访\n"))
        let journal = try String(contentsOf: dir.appendingPathComponent("operator-journal.jsonl"), encoding: .utf8)
        #expect(journal.contains(#""type":"handover""#) && journal.contains(#""note":"\#(files.first ?? "none")""#))
        try a.keys("Escape")
        try a.keys("q")
        try b.keys("q")
    }
}
