import DutyTestSupport
import Foundation
import Testing

/// The documents end to end, as an officer would: the ladder proposes a
/// 督办单 for an overdue task, `u` opens the issue dialog prefilled, the body
/// is typed in Chinese over two lines, F10 and Enter issue it; the number
/// shows in the status line, the 文书 tab and the header's 待回复; the
/// proposal is gone; a reply is recorded with `p`; the Markdown copy is in
/// `notices/`. In Chinese and in English.
@Suite(.serialized) struct TmuxDocumentTests {
    static let now = "2026-12-04T15:00:00+08:00"
    static let unit = "溪口镇综合行政执法中队"

    static func figure(_ label: String, _ screen: String) -> Int? {
        guard let r = screen.range(of: label + #" \d+"#, options: .regularExpression) else { return nil }
        return Int(screen[r].split(separator: " ").last ?? "")
    }

    @Test(arguments: [false, true])
    func aSupervisionOrderIssuedByKeysRepliedAndCopied(english: Bool) throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feed = [
            Line.event("EV-1", "2026-12-01T09:00:00+08:00", status: "dispatched", town: "溪口镇", title: "河道违法搭建"),
            Line.task("ZF-20261201-0901", "2026-12-01T09:30:00+08:00", due: "2026-12-02T18:00:00+08:00",
                      status: "signed", unit: Self.unit, event: "\"EV-1\""),
        ]
        try (feed.joined(separator: "\n") + "\n").write(toFile: dir.file("feed.jsonl"), atomically: true, encoding: .utf8)
        let command = "TERM=xterm-256color DUTYDESK_NOW=\(Self.now) '\(CLIRunner.executable.path)' watch --poll 100 --operator 测试员 '\(dir.path)'; sleep 30"
        let tmux = TmuxConsoleTests.Tmux()
        // English words are longer: at 120 columns the header's document figures give way to the feed's health.
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", english ? "160" : "120", "-y", "40", command])
        let unacked = english ? "unacked alerts" : "未确认告警"
        let awaiting = english ? "awaiting reply" : "待回复"
        // The ladder: overdue since 12-02 18:00, 应发督办单 since 12-03 18:00 (and 超期催办 ended by it).
        #expect(tmux.waitFor("the proposal") { $0.contains("应发督办单") || $0.contains("ZF-20261201-0901") })
        if english {
            try tmux.keys("L")
            #expect(tmux.waitFor("English") { $0.contains("Duty Desk") })
        }
        #expect(tmux.waitFor("one unacknowledged alert") { Self.figure(unacked, $0) == 1 })
        try tmux.keys("2")
        try tmux.keys("g")
        try tmux.keys("u")   // at the proposal: the dialog, not an urge
        let title = english ? "Issue a document · supervision order" : "印发文书 · 执法督办单"
        #expect(tmux.waitFor("the dialog") { $0.contains(title) && $0.contains(Self.unit) })
        #expect(tmux.screen().contains("关于ZF-20261201-0901（EV-1）的执法督办单"))
        #expect(tmux.screen().contains("奉综指督〔2026〕1号"))
        try tmux.run(["send-keys", "-t", tmux.session, "-l", "经查，你单位承办的任务已超期。请于三日内整改到位。"])
        try tmux.keys("Enter")
        try tmux.run(["send-keys", "-t", tmux.session, "-l", "特此督办。"])
        #expect(tmux.waitFor("the typed body") { $0.contains("特此督办。") && $0.contains("请于三日内整改到位。") })
        try tmux.keys("F10")
        #expect(tmux.waitFor("the question") { $0.contains(english ? "Issue it?" : "确认印发？") })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the issued number") {
            $0.contains("奉综指督〔2026〕1号") && Self.figure(awaiting, $0) == 1 && !$0.contains(title)
        })
        // Its proposal is closed by it: no alert left unacknowledged.
        #expect(tmux.waitFor("the proposal closed") { Self.figure(unacked, $0) == 0 })
        // The 文书 tab lists it; p records the reply.
        try tmux.keys("4")
        try tmux.keys("w")
        // A pane narrower than 100 columns shows the number without the office's stem.
        #expect(tmux.waitFor("the documents tab") { $0.contains("督〔2026〕1号") })
        try tmux.keys("g")
        try tmux.keys("p")
        #expect(tmux.waitFor("the reply prompt") { $0.contains(english ? "Reply" : "回复内容") })
        try tmux.run(["send-keys", "-t", tmux.session, "-l", "已拆除违法搭建"])
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the reply recorded") { Self.figure(awaiting, $0) == 0 })
        try tmux.keys("Enter")
        #expect(tmux.waitFor("the document's detail") { $0.contains("已拆除违法搭建") && $0.contains("特此督办。") })
        try tmux.keys("Escape")
        try tmux.keys("q")
        // The journal and the copy.
        let journal = try String(contentsOfFile: dir.file("operator-journal.jsonl"), encoding: .utf8)
        #expect(journal.contains(#""number":"奉综指督〔2026〕1号""#) && journal.contains(#""status":"replied""#))
        #expect(journal.contains(#""body":"经查，你单位承办的任务已超期。请于三日内整改到位。\n特此督办。""#))
        let copy = try String(contentsOfFile: dir.file("notices/DOC-2026-S0001.md"), encoding: .utf8)
        for part in ["奉综指督〔2026〕1号", "主送", Self.unit, "特此督办。", "ZF-20261201-0901", "奉化区综合指挥中心"] {
            #expect(copy.contains(part), "the copy lacks \(part):\n\(copy)")
        }
    }

    /// A real paste (tmux's `paste-buffer -p`, bracketed as a terminal does
    /// once the console asks for it): its line breaks stay in the body and
    /// never ask "issue?"; pasted over the panes, a `q` does not quit.
    @Test func aPasteIsTextInTheDialogAndNothingOverThePanes() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        try (Line.event("EV-1", "2026-12-04T14:00:00+08:00", town: "溪口镇", title: "河道违法搭建") + "\n")
            .write(toFile: dir.file("feed.jsonl"), atomically: true, encoding: .utf8)
        let command = "TERM=xterm-256color DUTYDESK_NOW=\(Self.now) '\(CLIRunner.executable.path)' watch --poll 100 '\(dir.path)'; sleep 30"
        let tmux = TmuxConsoleTests.Tmux()
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "40", command])
        #expect(tmux.waitFor("the event") { $0.contains("河道违法搭建") })
        // Over the panes: the paste fires nothing (a q would quit, a d dispatch).
        try tmux.run(["set-buffer", "-b", "p1", "qd"])
        try tmux.run(["paste-buffer", "-p", "-b", "p1", "-t", tmux.session])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(tmux.screen().contains("河道违法搭建") && !tmux.screen().contains("转派 EV-1"))
        try tmux.keys("N")
        #expect(tmux.waitFor("the dialog") { $0.contains("印发文书 · 风险提示单") })
        try tmux.run(["set-buffer", "-b", "p2", "第一段：经查属实。\n\n第二段：请整改。\n"])
        try tmux.run(["paste-buffer", "-p", "-b", "p2", "-t", tmux.session])
        #expect(tmux.waitFor("the pasted body") { $0.contains("第一段：经查属实。") && $0.contains("第二段：请整改。") })
        #expect(!tmux.screen().contains("确认印发？"))
        let lines = tmux.screen().split(separator: "\n")
        let first = try #require(lines.firstIndex { $0.contains("第一段") })
        #expect(lines[first + 2].contains("第二段"))   // the blank line kept
        // The keys work again after the paste: Esc twice throws the draft away.
        try tmux.keys("Escape")
        #expect(tmux.waitFor("the discard question") { $0.contains("再按 Esc 放弃") })
        try tmux.keys("Escape")
        #expect(tmux.waitFor("the panes") { !$0.contains("印发文书") })
        try tmux.keys("q")
        #expect(tmux.waitFor("the console gone") { !$0.contains("河道违法搭建") })
    }
}
