/// Why an append could not be made durable. Nothing of the batch is left in
/// the file; the journal is blocked until `retry()`.
public struct JournalFailure: Error, Equatable, Sendable {
    public enum Step: String, Sendable { case open, lock, read, repair, write, sync, truncate, ids, database, commitUnknown }
    public var step: Step
    /// The errno (0 for a short write, which has none).
    public var code: Int32
    /// Human text with the errno's strerror, e.g. "write failed: No space left on device".
    public var message: String

    public init(step: Step, code: Int32, message: String) {
        self.step = step; self.code = code; self.message = message
    }

    /// The database could not be reached: `detail` says how (the driver's or
    /// the server's words, never a password). Shown as "数据库离线，操作未执行：…".
    public static func offline(_ detail: String) -> JournalFailure {
        JournalFailure(step: .database, code: 0, message: detail)
    }

    /// The connection to the database was lost while it committed: the
    /// action may or may not have been written, and only the database can
    /// say. Never "nothing done" (it may be done), never "done" (it may not
    /// be): the console's follower shows the truth once it reconnects, and a
    /// second try is checked against that state, so it cannot double.
    public static func commitUnknown(_ detail: String) -> JournalFailure {
        JournalFailure(step: .commitUnknown, code: 0, message: detail)
    }

    /// The failure in the operator's language: in Chinese the step and the
    /// errno's meaning from the label table ("写入失败：磁盘空间不足"); the
    /// English (and any failure without an errno) is `message`.
    public func text(_ language: Language) -> String {
        if step == .database { return Labels.of("journal", "offline").text(language) + (language == .zh ? "：" : ": ") + message }
        if step == .commitUnknown { return Labels.of("journal", "commit_unknown").text(language) + (language == .zh ? "：" : ": ") + message }
        guard language == .zh, code != 0, let errno = Labels.table["errno.\(code)"] else { return message }
        let step = Labels.of("journal.step", self.step.rawValue).zh
        return step + "失败：" + errno.zh + "（" + Platform.errorText(code) + "）"
    }
}
