/// A feed path that could not be read, and why, in both languages: the
/// console says it in the operator's language, the one-shot commands print
/// `text` (the path as `Sanitize.path` shows it, then the English reason).
public struct FeedProblem: Equatable, Sendable {
    /// The path, already made safe to show.
    public var path: String
    public var reason: Label

    public init(path: String, reason: Label) {
        self.path = Sanitize.path(path); self.reason = reason
    }

    /// "PATH: reason" (English), as `check` and `stats` print it.
    public var text: String { path + ": " + reason.en }

    /// "PATH: reason" in `language`; `retrying` adds that a polling caller
    /// looks again (never said by a one-shot command).
    public func text(_ language: Language, retrying: Bool = false) -> String {
        path + (language == .zh ? "：" : ": ") + reason.text(language)
            + (retrying ? (language == .zh ? "（每次轮询重试）" : " — retrying every poll") : "")
    }
}
