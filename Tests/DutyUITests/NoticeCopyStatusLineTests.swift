@testable import DutyCore
import Testing
@testable import DutyUI

/// Issue 13: the status line of a document issued, word for word in both
/// languages — its number and where its copy went, or that the copy is
/// missing and why (the document is issued either way).
@Suite struct NoticeCopyStatusLineTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    static func copy(_ result: Result<String, SafeFileError>) -> NoticeCopy {
        NoticeCopy(id: "DOC-2026-S0007", number: "奉综指督〔2026〕7号", result: result)
    }

    @Test func aCopyWrittenIsNamedShort() {
        let saved = Self.copy(.success("/srv/duty/notices/DOC-2026-S0007.md"))
        #expect(ActionStatusLine.issued(saved, .zh) == "印发文书 ✓ 奉综指督〔2026〕7号 → notices/DOC-2026-S0007.md")
        #expect(ActionStatusLine.issued(saved, .en) == "issue notice ✓ 奉综指督〔2026〕7号 → notices/DOC-2026-S0007.md")
        // Fits an 80-column status line whole.
        #expect(DisplayWidth.of(ActionStatusLine.issued(saved, .zh)) <= 80)
    }

    @Test func aCopyRefusedSaysWhyAndStillIssued() {
        let link = SafeFileError(path: "/srv/duty/notices/DOC-2026-S0007.md", code: Platform.errnoLoop, reason: "it is a symbolic link", refused: true)
        #expect(ActionStatusLine.issued(Self.copy(.failure(link)), .zh)
            == "印发文书 ✓ 奉综指督〔2026〕7号 · ⚠ 副本未写入 notices/DOC-2026-S0007.md: 是符号链接，拒绝跟随")
        #expect(ActionStatusLine.issued(Self.copy(.failure(link)), .en)
            == "issue notice ✓ 奉综指督〔2026〕7号 · ⚠ copy not written notices/DOC-2026-S0007.md: it is a symbolic link")
        // An errno the label table lacks: its text as the system gives it, in both languages.
        let odd = SafeFileError(path: "/srv/duty/notices", code: 71, reason: "Protocol error", refused: false)
        #expect(ActionStatusLine.issued(Self.copy(.failure(odd)), .zh).hasSuffix(" notices/DOC-2026-S0007.md: Protocol error"))
        // A number from a feed cannot drive the terminal.
        let control = NoticeCopy(id: "D\u{1B}1", number: "督\u{1B}[2J", result: .failure(link))
        #expect(!ActionStatusLine.issued(control, .zh).unicodeScalars.contains { $0.value == 0x1B })
    }
}
