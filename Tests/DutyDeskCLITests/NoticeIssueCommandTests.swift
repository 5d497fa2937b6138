import DutyTestSupport
import Foundation
import Testing

/// Issue 13: `dutydesk notice` through the real binary — a document issued
/// from the command line is numbered, journaled and copied beside the
/// journal; reply, close and withdraw follow its status; the core's
/// refusals are printed with their reasons and a non-zero exit.
@Suite(.serialized) struct NoticeIssueCommandTests {
    static let now = ["DUTYDESK_NOW": "2026-12-04T10:00:00+08:00"]
    static let task = Line.task("ZF-20261204-0003", "2026-12-04T08:30:00+08:00", due: "2026-12-04T09:30:00+08:00", status: "signed")

    static func issue(_ journal: String, _ extra: [String] = [], type: String = "supervision",
                      environment: [String: String?] = now) throws -> CLIRunner.Result {
        try CLIRunner.run(["notice", "issue", "--journal", journal, "--type", type, "--to", "锦屏街道综合行政执法中队",
                           "--title", "关于督促限期办结执法任务的督办单", "--body", "请立即组织处置。"] + extra,
                          environment: environment)
    }

    /// The journal's lines, as text.
    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func issueThenReplyAndTheCopyBesideTheJournal() throws {
        let folder = try TempFolder("notice")
        defer { folder.remove() }
        let feed = folder.file("feed.jsonl"), journal = folder.file("operator-journal.jsonl")
        try (Self.task + "\n").write(toFile: feed, atomically: true, encoding: .utf8)

        let issued = try Self.issue(journal, [feed, "--ref", "task:ZF-20261204-0003", "--operator", "王磊"])
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdoutLines == ["奉综指督〔2026〕1号", "DOC-2026-S0001", folder.path + "/notices/DOC-2026-S0001.md"])
        let copy = try String(contentsOfFile: folder.path + "/notices/DOC-2026-S0001.md", encoding: .utf8)
        #expect(copy.hasPrefix("# 执法督办单\n\n奉综指督〔2026〕1号\n\n## 关于督促限期办结执法任务的督办单\n"))
        // The feed was read first: the item concerned shows its current status.
        #expect(copy.contains("| 执法任务 | ZF-20261204-0003 | 已签收 |"))
        // The default reply deadline of a 督办单: 3 calendar days after the day of issue, 18:00.
        #expect(copy.contains("**回复期限：** 2026年12月7日 18:00 前"))
        let record = try #require(try Self.lines(journal).first)
        #expect(record.contains(#""ts":"2026-12-04T10:00:00+08:00""#) && record.contains(#""by":"王磊""#)
                && record.contains(#""due":"2026-12-07T18:00:00+08:00""#) && record.contains(#""status":"issued""#))

        let reply = try CLIRunner.run(["notice", "reply", "--journal", journal, "DOC-2026-S0001", "--reply", "已组织处置", "--by", "张队"],
                                      environment: Self.now)
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdoutLines == ["DOC-2026-S0001 奉综指督〔2026〕1号 已回复"])
        #expect(try Self.lines(journal).last?.contains(#""reply":"已组织处置","replied_by":"张队""#) == true)
        // A second reply: the core's reason, in the language asked, exit 1, nothing written.
        let again = try CLIRunner.run(["notice", "reply", "--journal", journal, "DOC-2026-S0001", "--reply", "x", "--by", "y", "--lang", "en"],
                                      environment: Self.now)
        #expect(again.status == 1)
        #expect(again.stderr == "dutydesk: record reply: notice is replied: no reply to record\n", "\(again.stderr)")
        #expect(try Self.lines(journal).count == 2)

        let close = try CLIRunner.run(["notice", "close", "--journal", journal, "DOC-2026-S0001", "--lang", "en"], environment: Self.now)
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdoutLines == ["DOC-2026-S0001 奉综指督〔2026〕1号 closed"])
        // Nothing but the issue wrote a copy.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("notices")) == ["DOC-2026-S0001.md"])
    }

    /// A 通报 with `--due none`, withdrawn with a reason; its number stays
    /// taken, and the next 通报 is 第2期. The login name is the operator.
    @Test func aBulletinWithdrawnKeepsItsNumber() throws {
        let folder = try TempFolder("notice")
        defer { folder.remove() }
        let journal = folder.file("j.jsonl")
        var env = Self.now
        env["USER"] = "值班员乙"
        let first = try Self.issue(journal, ["--due", "none"], type: "bulletin", environment: env)
        #expect(first.stdoutLines.prefix(2) == ["奉综指通〔2026〕第1期", "DOC-2026-B0001"], "\(first.stderr)")
        let withdraw = try CLIRunner.run(["notice", "withdraw", "--journal", journal, "DOC-2026-B0001", "--reason", "错发"],
                                         environment: env)
        #expect(withdraw.stdoutLines == ["DOC-2026-B0001 奉综指通〔2026〕第1期 已撤回"], "\(withdraw.stderr)")
        let second = try Self.issue(journal, ["--due", "2026-12-10T12:00:00+08:00"], type: "bulletin", environment: env)
        #expect(second.stdoutLines.prefix(2) == ["奉综指通〔2026〕第2期", "DOC-2026-B0002"], "\(second.stderr)")
        let records = try Self.lines(journal)
        #expect(records.count == 3)
        #expect(records[0].contains(#""due":null"#) && records[0].contains(#""by":"值班员乙""#))
        #expect(records[1].contains(#""status":"withdrawn""#) && records[1].contains(#""note":"错发""#))
        #expect(records[2].contains(#""due":"2026-12-10T12:00:00+08:00""#))
    }

    /// Refusals: the core's reason (never a raw code) and exit 1; a wrong
    /// value is a usage error (64); nothing is journaled or copied.
    @Test func refusalsSayTheCoresReason() throws {
        let folder = try TempFolder("notice")
        defer { folder.remove() }
        let journal = folder.file("j.jsonl")
        let noAddressee = try CLIRunner.run(["notice", "issue", "--journal", journal, "--type", "risk_notice",
                                             "--title", "t", "--body", "b"], environment: Self.now)
        #expect(noAddressee.status == 1)
        #expect(noAddressee.stderr == "dutydesk: 印发文书: 请至少填写一个主送单位\n", "\(noAddressee.stderr)")
        let badRef = try Self.issue(journal, ["--ref", "ZF-1", "--lang", "en"])
        #expect(badRef.status == 1)
        #expect(badRef.stderr.contains(#"item concerned "ZF-1" is not kind:id"#), "\(badRef.stderr)")
        let missing = try CLIRunner.run(["notice", "close", "--journal", journal, "DOC-2026-S0009"], environment: Self.now)
        #expect(missing.status == 1 && missing.stderr == "dutydesk: 文书办结: 找不到该条目\n", "\(missing.stderr)")
        #expect(try Self.issue(journal, type: "memo").status == 64)
        #expect(try Self.issue(journal, ["--due", "tomorrow"]).status == 64)
        #expect(try Self.issue(journal, environment: ["DUTYDESK_NOW": "noon"]).status == 64)
        #expect(!FileManager.default.fileExists(atPath: folder.file("notices")))
        #expect((try? Self.lines(journal))?.isEmpty ?? true)
    }

    /// A link planted at the copy's name: the document is issued and
    /// journaled (its number and id on stdout), the link is not followed
    /// (its target untouched), stderr names the file and why; exit 2.
    @Test func aPlantedLinkIsNotFollowed() throws {
        let folder = try TempFolder("notice")
        defer { folder.remove() }
        let planted = try PlantedLink(in: folder, at: "notices/DOC-2026-S0001.md")
        defer { planted.remove() }
        let link = planted.path

        let journal = folder.file("operator-journal.jsonl")
        let issued = try Self.issue(journal)
        #expect(issued.status == 2)
        #expect(issued.stdoutLines == ["奉综指督〔2026〕1号", "DOC-2026-S0001"])
        #expect(issued.stderr == "dutydesk: 奉综指督〔2026〕1号 已印发并记入日志，但副本 \(link) 未写入：是符号链接，拒绝跟随\n",
                "\(issued.stderr)")
        let english = try Self.issue(folder.file("other.jsonl"), ["--lang", "en"])   // DOC-2026-S0001 again: the same planted name
        #expect(english.stderr == "dutydesk: 奉综指督〔2026〕1号 is issued and journaled, but its copy was not written: refused, it is a symbolic link: \(link)\n",
                "\(english.stderr)")
        #expect(planted.targetUntouched)
        #expect(try Self.lines(journal).count == 1)
        // The next one is numbered on: the record stood.
        #expect(try Self.issue(journal).stdoutLines.first == "奉综指督〔2026〕2号")
    }
}
