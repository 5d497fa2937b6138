import DutyTestSupport
import Foundation
import Testing

/// Issue 13 through the binary: `dutydesk alerts --at` shows the ladder's
/// 应发督办单 proposal 24 h past due, none once a 督办单 naming the task is
/// issued, and the 应发通报 proposal 5 days past due, as a console would.
@Suite struct AlertsProposalCommandTests {
    static let feed = [
        Line.task("ZF-20261128-0007", "2026-11-28T09:00:00+08:00", due: "2026-11-28T13:00:00+08:00"),
        NoticeLine.make("DOC-2026-S0007", "2026-11-29T15:00:00+08:00"),
    ]

    @Test func theProposalStandsUntilTheDocumentAndTheBulletinFollows() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        try (Self.feed.joined(separator: "\n") + "\n").write(toFile: dir.file("feed.jsonl"), atomically: true, encoding: .utf8)
        let before = try CLIRunner.run(["alerts", dir.path, "--at", "2026-11-29T14:00:00+08:00", "--json"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdoutLines == [
            #"{"id":"R-propose_supervision-ZF-20261128-0007","type":"propose_supervision","level":"critical","status":"open","ref":"task:ZF-20261128-0007","since":"2026-11-29T13:00:00+08:00","until":null}"#,
        ])
        let table = try CLIRunner.run(["alerts", dir.path, "--at", "2026-11-29T14:00:00+08:00"])
        // The type in words, never its wire code (the id keeps its own).
        let words = table.stdout.replacingOccurrences(of: "R-propose_supervision-", with: "")
        #expect(words.contains("应发督办单") && !words.contains("propose_supervision"), "\(table.stdout)")
        let after = try CLIRunner.run(["alerts", dir.path, "--at", "2026-11-29T16:00:00+08:00", "--json"])
        #expect(after.status == 0 && after.stdoutLines.isEmpty, "\(after.stdout)")
        let fifth = try CLIRunner.run(["alerts", dir.path, "--at", "2026-12-03T14:00:00+08:00", "--json"])
        let objects = try fifth.stdoutLines.map(CLIRunner.json)
        #expect(objects.map { $0["id"] as? String } == ["R-propose_bulletin-ZF-20261128-0007"])
        #expect(objects.first?["since"] as? String == "2026-12-03T13:00:00+08:00")
    }
}
