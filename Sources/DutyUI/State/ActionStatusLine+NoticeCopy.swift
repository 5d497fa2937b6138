import DutyCore

/// The status line of a document issued: its number and where its Markdown
/// copy went, short enough to stay whole at 80 columns; or, when the copy
/// could not be written, that the document is issued all the same (the
/// journal holds it) and why its copy is missing.
extension ActionStatusLine {
    /// "印发文书 ✓ 奉综指督〔2026〕7号 → notices/DOC-2026-S0007.md", or
    /// "印发文书 ✓ 奉综指督〔2026〕7号 · ⚠ 副本未写入 notices/DOC-2026-S0007.md: 是符号链接，拒绝跟随".
    public static func issued(_ copy: NoticeCopy, _ language: Language) -> String {
        let head = Labels.of("action", "issue_notice").text(language) + " ✓ " + Sanitize.path(copy.number)
        guard let why = copy.failure(language) else { return head + " → " + Sanitize.path(copy.shortPath) }
        return head + " · ⚠ " + ConsoleLabels.of("ui", "notice_copy_failed").text(language) + " "
            + Sanitize.path(copy.shortPath) + ": " + Sanitize.path(why)
    }
}
