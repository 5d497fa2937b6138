/// File names are text too: whoever can write to a feed folder chooses them,
/// and a name such as `a<ESC>]0;PWNED<BEL>.jsonl` would retitle (or worse)
/// the terminal it is printed on. Every path that is printed — on stdout,
/// stderr, the screen or in the handover — goes through `Sanitize.path`,
/// the same visible replacements (␛ …) as field values.
extension Sanitize {
    /// The path as it can be shown: unchanged when clean (the common case,
    /// checked fast), control characters, C1 controls, line separators and
    /// bidi overrides replaced otherwise. Names that were not valid UTF-8
    /// reach here with U+FFFD for the bad bytes (Swift Strings are UTF-8).
    public static func path(_ path: String) -> String {
        isClean(path) ? path : visible(path)
    }

    /// A line of text for a terminal that may hold several lines: every line
    /// sanitised, the newlines between them kept.
    public static func lines(_ text: String) -> String {
        if isClean(text.replacingNewlines()) { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { visible(String($0)) }.joined(separator: "\n")
    }
}

private extension String {
    /// Newlines as spaces, so `isClean` judges only the other characters.
    func replacingNewlines() -> String {
        guard utf8.contains(0x0A) else { return self }
        return String(decoding: utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }
}
