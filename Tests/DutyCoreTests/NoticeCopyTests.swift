import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13: a document issued through `ActionDesk` gets its Markdown copy in
/// `notices/` beside the journal, once its record is durable; a copy that
/// cannot be written is reported and never undoes the record.
@Suite struct NoticeCopyTests {
    static let now = Timestamp.millis(year: 2026, month: 12, day: 4, hour: 10)

    static func store() -> Store {
        TestSupport.store([
            Line.task("ZF-20261204-0003", "2026-12-04T08:30:00+08:00", due: "2026-12-04T09:30:00+08:00", status: "signed"),
        ], clock: .fixed(now))
    }

    static let draft = OperatorActions.NoticeDraft(
        type: .supervision, title: "关于督促限期办结执法任务的督办单", to: ["锦屏街道综合行政执法中队"],
        refs: ["task:ZF-20261204-0003"], body: "该任务已超过办理时限，请立即组织处置。",
        due: OperatorActions.NoticeDraft.defaultDue(.supervision, issuedAt: now))

    static let expected = """
        # 执法督办单

        奉综指督〔2026〕1号

        ## 关于督促限期办结执法任务的督办单

        **主送：** 锦屏街道综合行政执法中队

        该任务已超过办理时限，请立即组织处置。

        ### 涉及事项

        | 类别 | 编号 | 当前状态 |
        |---|---|---|
        | 执法任务 | ZF-20261204-0003 | 已签收 |

        **回复期限：** 2026年12月7日 18:00 前

        奉化区综合指挥中心
        2026年12月4日

        <!-- DOC-2026-S0001 -->

        """

    static func desk(_ store: Store, journal: String) -> ActionDesk {
        ActionDesk(store: store, journal: OperatorJournal(path: journal, console: "a"), operatorName: "王磊")
    }

    static func journalIDs(_ path: String) -> [String] {
        OperatorJournalTests.lines(path).compactMap { try? TestSupport.parse($0).get().id }
    }

    @Test func anIssueWritesItsCopyBesideTheJournal() throws {
        let folder = try TempFolder("copy")
        defer { folder.remove() }
        let performed = Self.desk(Self.store(), journal: folder.file("operator-journal.jsonl"))
            .performReporting(.issueNotice(Self.draft))
        guard case .written(let records) = performed.outcome else { Issue.record("not written: \(performed.outcome)"); return }
        #expect(records.map(\.id) == ["DOC-2026-S0001"])
        let copy = try #require(performed.copy)
        #expect(copy.id == "DOC-2026-S0001" && copy.number == "奉综指督〔2026〕1号")
        #expect(copy.shortPath == "notices/DOC-2026-S0001.md")
        let path = try copy.result.get()
        #expect(path == folder.path + "/notices/DOC-2026-S0001.md")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.expected)
    }

    /// Only an issue writes a copy: a reply, a refusal or another action leaves `notices/` alone.
    @Test func nothingButAnIssueWritesACopy() throws {
        let folder = try TempFolder("copy")
        defer { folder.remove() }
        let desk = Self.desk(Self.store(), journal: folder.file("operator-journal.jsonl"))
        var refused = Self.draft
        refused.to = []
        let noAddressee = desk.performReporting(.issueNotice(refused))
        #expect(noAddressee.copy == nil)
        #expect(noAddressee.outcome == .refused(ActionRefusal(.noAddressee)))
        #expect(!FileManager.default.fileExists(atPath: folder.file("notices")))
        #expect(desk.performReporting(.issueNotice(Self.draft)).copy != nil)
        let reply = desk.performReporting(.replyNotice(notice: "DOC-2026-S0001", reply: "已处置", repliedBy: "张三"))
        guard case .written = reply.outcome else { Issue.record("reply not written: \(reply.outcome)"); return }
        #expect(reply.copy == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("notices")) == ["DOC-2026-S0001.md"])
    }

    /// A symlink planted at the copy's name is not followed: what it points
    /// to is untouched, the outcome says the copy was refused and why, and
    /// the document stays issued — in the journal and in the store.
    @Test func aLinkAtTheCopysNameIsRefusedAndTheRecordStands() throws {
        let folder = try TempFolder("copy")
        defer { folder.remove() }
        let link = try PlantedLink(in: folder, at: "notices/DOC-2026-S0001.md")
        defer { link.remove() }

        let journal = folder.file("operator-journal.jsonl")
        let store = Self.store()
        let performed = Self.desk(store, journal: journal).performReporting(.issueNotice(Self.draft))
        guard case .written = performed.outcome else { Issue.record("not written: \(performed.outcome)"); return }
        let copy = try #require(performed.copy)
        guard case .failure(let error) = copy.result else { Issue.record("wrote through a planted link"); return }
        #expect(error.refused && error.reason == "it is a symbolic link" && error.code == Platform.errnoLoop)
        #expect(copy.failure(.zh) == "是符号链接，拒绝跟随" && copy.failure(.en) == "it is a symbolic link")
        #expect(error.path == folder.path + "/notices/DOC-2026-S0001.md")
        #expect("\(error)".contains("notices/DOC-2026-S0001.md"))
        #expect(link.targetUntouched)
        #expect(Platform.isSymlink(folder.file("notices/DOC-2026-S0001.md")))
        // The record is the truth: journaled and held, whatever became of the copy.
        #expect(Self.journalIDs(journal) == ["DOC-2026-S0001"])
        #expect(store.item(.notice, id: "DOC-2026-S0001")?.current.statusWire == "issued")
    }

    /// A `notices` that is a file, not a folder: reported with its path and reason.
    @Test func aNoticesFileInsteadOfAFolderIsReported() throws {
        let folder = try TempFolder("copy")
        defer { folder.remove() }
        try "x".write(toFile: folder.file("notices"), atomically: true, encoding: .utf8)
        let performed = Self.desk(Self.store(), journal: folder.file("j.jsonl")).performReporting(.issueNotice(Self.draft))
        guard case .written = performed.outcome, case .failure(let error) = performed.copy?.result else {
            Issue.record("expected a written record and a failed copy: \(performed)"); return
        }
        #expect(error.path == folder.file("notices") && error.reason == "not a directory")
        #expect(Self.journalIDs(folder.file("j.jsonl")) == ["DOC-2026-S0001"])
    }
}
