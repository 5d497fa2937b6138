import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13: the Markdown copy of a document, byte for byte for a fixed
/// input, and written only where it should be.
@Suite struct NoticeDocumentTests {
    static let lines = [
        Line.task("ZF-20261128-0007", "2026-11-28T09:30:00+08:00", due: "2026-11-28T11:30:00+08:00", status: "on_site"),
        NoticeLine.make("DOC-2026-S0007", "2026-11-28T14:00:00+08:00",
                        to: #"["锦屏街道综合行政执法中队","区市场监管局"]"#,
                        refs: #"["task:ZF-20261128-0007","event:SJ-20261128-9999"]"#,
                        body: #""请立即组织处置。\n处置结果于期限内书面反馈。""#),
    ]

    static func copy() throws -> String {
        let store = TestSupport.store(lines)
        let item = try #require(store.item(.notice, id: "DOC-2026-S0007"))
        return try #require(NoticeDocument.markdown(id: item.id, item.current, store: store))
    }

    @Test func theCopyIsTheOfficialLayoutByteForByte() throws {
        let expected = """
        # 执法督办单

        奉综指督〔2026〕7号

        ## 关于督促限期办结的督办单

        **主送：** 锦屏街道综合行政执法中队、区市场监管局

        请立即组织处置。
        处置结果于期限内书面反馈。

        ### 涉及事项

        | 类别 | 编号 | 当前状态 |
        |---|---|---|
        | 执法任务 | ZF-20261128-0007 | 到场处置 |
        | 网格事件 | SJ-20261128-9999 | 未接入 |

        **回复期限：** 2026年12月1日 10:00 前

        奉化区综合指挥中心
        2026年11月28日

        <!-- DOC-2026-S0007 -->

        """
        #expect(try Self.copy() == expected)
        #expect(try Self.copy() == Self.copy())
    }

    @Test func aControlByteInATitleIsShownNotObeyed() throws {
        let store = TestSupport.store([NoticeLine.make("D1", "2026-11-28T14:00:00+08:00", title: #""标题\u001b[2J""#, refs: "[]")])
        let item = try #require(store.item(.notice, id: "D1"))
        let md = try #require(NoticeDocument.markdown(id: "D1", item.current, store: store))
        #expect(!md.unicodeScalars.contains { $0.value == 0x1B })
        #expect(md.contains("## 标题␛[2J"))
    }

    @Test func writtenOnceIntoNoticesNeverThroughALink() throws {
        let folder = try TempFolder("notices")
        defer { folder.remove() }
        let text = try Self.copy()
        let path = try NoticeDocument.save(text, id: "DOC-2026-S0007", directory: folder.path).get()
        #expect(path == folder.path + "/notices/DOC-2026-S0007.md")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        // Issued once: a second save leaves the first copy as it was.
        if case .success = NoticeDocument.save("other", id: "DOC-2026-S0007", directory: folder.path) { Issue.record("overwrote a copy") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        // An id is never a path.
        #expect(NoticeDocument.fileName(id: "../../etc/passwd").hasPrefix("notice-"))
        #expect(NoticeDocument.fileName(id: "DOC-2026-S0007") == "DOC-2026-S0007.md")
        // A planted notices/ link is refused, and nothing is written where it points.
        let other = try TempFolder("elsewhere")
        defer { other.remove() }
        let planted = try TempFolder("planted")
        defer { planted.remove() }
        try FileManager.default.createSymbolicLink(atPath: planted.path + "/notices", withDestinationPath: other.path)
        guard case .failure(let e) = NoticeDocument.save(text, id: "D2", directory: planted.path) else {
            Issue.record("wrote through a symlinked notices folder"); return
        }
        #expect(e.refused)
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path).isEmpty)
    }
}
