/// The Markdown copy of a document just issued (`NoticeDocument`), written
/// into `notices/` beside the journal once the record is durable, and what
/// became of it: the path, or why it was not written. The journal's record is
/// the truth: a copy that cannot be written is reported, never a reason to
/// take the document back.
public struct NoticeCopy: Equatable, Sendable {
    /// The document's id and number, as journaled.
    public let id: String
    public let number: String
    /// The path written, or the file refused or failed and why.
    public let result: Result<String, SafeFileError>

    public init(id: String, number: String, result: Result<String, SafeFileError>) {
        self.id = id; self.number = number; self.result = result
    }

    /// `notices/DOC-2026-S0007.md`: where the copy goes, relative to the
    /// journal's folder — short enough for a status line.
    public var shortPath: String { "notices/" + NoticeDocument.fileName(id: id) }

    /// Why the copy was not written, in the operator's language (in Chinese
    /// the errno's meaning from the label table, when it has one: "是符号链接，
    /// 拒绝跟随"); nil when it was written.
    public func failure(_ language: Language) -> String? {
        guard case .failure(let e) = result else { return nil }
        if language == .zh, e.code != 0, let meaning = Labels.table["errno.\(e.code)"] { return meaning.zh }
        return e.reason
    }

    /// Writes the copy of the document `records` issued (the notice record
    /// among them, as journaled; the items it names as `store` holds them
    /// now) into `directory`/notices. nil when no notice is among them.
    public static func write(for records: [Record], store: Store, directory: String) -> NoticeCopy? {
        guard let record = records.first(where: { $0.kind == .notice }),
              case .notice(let n) = record.snapshot.body,
              let text = NoticeDocument.markdown(id: record.id, record.snapshot, store: store) else { return nil }
        return NoticeCopy(id: record.id, number: n.number,
                          result: NoticeDocument.save(text, id: record.id, directory: directory))
    }
}
