import DutyTestSupport
import Foundation
import Testing

/// `dutydesk alerts`: the unresolved alerts at a time as JSON Lines (or a
/// table): feed alerts and the console's own rules, with the journal's
/// acknowledgements and snoozes; ordered by level, then since.
@Suite struct AlertsCommandTests {
    static let feed = [
        Line.alert("FX-1", "2026-11-28T08:00:00+08:00", level: "critical"),
        Line.event("SJ-1", "2026-11-28T09:00:00+08:00", priority: "1"),
        Line.event("SJ-2", "2026-11-28T09:00:00+08:00", priority: "2"),
        Line.alert("FX-2", "2026-11-28T09:05:00+08:00", level: "info", status: "resolved"),
    ]
    /// The officer acknowledged the late signing and snoozed the feed's alert.
    static let journal = [
        #"{"kind":"alert","id":"R-late_signing-SJ-1","ts":"2026-11-28T09:20:00+08:00","level":"warning","type":"late_signing","title":"SJ-1 超时未处置（P1 限时15分钟）","status":"acked","ref":"event:SJ-1","by":"值班员甲"}"#,
        #"{"kind":"alert","id":"FX-1","ts":"2026-11-28T09:30:00+08:00","level":"critical","type":"risk_notice","title":"风险提示","status":"acked","by":"值班员甲","note":"snoozed until 10:00"}"#,
    ]

    static func folder() throws -> TempFolder {
        let dir = try TempFolder()
        try (feed.joined(separator: "\n") + "\n").write(toFile: dir.file("feed.jsonl"), atomically: true, encoding: .utf8)
        try (journal.joined(separator: "\n") + "\n").write(toFile: dir.file("operator-journal.jsonl"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func jsonLinesListTheUnresolvedAlertsAtATime() throws {
        let dir = try Self.folder(); defer { dir.remove() }
        let r = try CLIRunner.run(["alerts", dir.path, "--at", "2026-11-28T09:40:00+08:00", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines == [
            #"{"id":"FX-1","type":"risk_notice","level":"critical","status":"snoozed","ref":null,"since":"2026-11-28T08:00:00+08:00","until":"2026-11-28T10:00:00+08:00"}"#,
            #"{"id":"R-late_signing-SJ-1","type":"late_signing","level":"warning","status":"acked","ref":"event:SJ-1","since":"2026-11-28T09:15:00+08:00","until":null}"#,
        ])
        // Later: the snooze is over, and SJ-2 (P2) is past its hour.
        let later = try CLIRunner.run(["alerts", dir.path, "--at", "2026-11-28T10:05:00+08:00", "--json"])
        let objects = try later.stdoutLines.map(CLIRunner.json)
        #expect(objects.map { $0["id"] as? String } == ["FX-1", "R-late_signing-SJ-1", "R-late_signing-SJ-2"])
        #expect(objects.map { $0["status"] as? String } == ["open", "acked", "open"])
        #expect(objects.allSatisfy { $0.keys.sorted() == ["id", "level", "ref", "since", "status", "type", "until"] })
        #expect(objects[0]["until"] is NSNull)
    }

    @Test func theDefaultTimeIsTheLatestRecordAndTheTableIsReadable() throws {
        let dir = try Self.folder(); defer { dir.remove() }
        // Latest ts: the snooze at 09:30.
        let r = try CLIRunner.run(["alerts", dir.path])
        #expect(r.status == 0)
        let lines = r.stdoutLines
        #expect(lines.count == 4)   // heading, two alerts, the total
        #expect(lines[1].contains("严重") && lines[1].contains("暂缓至 10:00") && lines[1].contains("FX-1"))
        #expect(lines[2].contains("已确认") && lines[2].contains("R-late_signing-SJ-1"))
        #expect(lines.last == "共 2 条未解除告警")
        // Columns line up: each id starts in the same display column.
        let en = try CLIRunner.run(["alerts", dir.path, "--lang", "en"])
        #expect(en.stdoutLines[1].contains("snoozed until 10:00") && en.stdoutLines.last == "2 unresolved alert(s)")
        let rows = Array(en.stdoutLines.dropFirst().dropLast())
        let starts = rows.map { line in
            line.distance(from: line.startIndex, to: (line.range(of: "FX-1") ?? line.range(of: "R-late_signing")!).lowerBound)
        }
        #expect(starts.count == 2)
        #expect(Set(starts).count == 1)
    }

    /// A path that cannot be read is named and the others are still read
    /// (exit 2, as `stats`); a bad line is counted on stderr, never on stdout.
    @Test func aMissingPathIsNamedAndTheRestIsListed() throws {
        let dir = try Self.folder(); defer { dir.remove() }
        try "{oops\n".write(toFile: dir.file("bad.jsonl"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["alerts", dir.path, dir.file("missing.jsonl"), "--at", "2026-11-28T09:40:00+08:00", "--json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("missing.jsonl") && r.stderr.contains("1 line(s) quarantined"))
        #expect(r.stdoutLines.count == 2)
    }
}
