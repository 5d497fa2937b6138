import DutyCore

/// The events pane's text while a live console follows no feed file: what is
/// wrong and what the console waits for, instead of an empty "（无）" that
/// looks like a quiet day. The words are `ConsoleLabels`' (`ui.wait_*`);
/// the paths come sanitised from the tailer (`FeedWait`).
enum FeedWaitText {
    static func text(_ wait: FeedWait, pollMillis: Int, _ language: Language) -> String {
        switch wait {
        case .missing(let path):
            // The path last: a file name holding "{seconds}" stays as it is.
            return ConsoleLabels.of("ui", "wait_missing").text(language)
                .replacingAll("{seconds}", with: seconds(pollMillis))
                .replacingAll("{path}", with: path)
        case .noFeedFile(let paths):
            return ConsoleLabels.of("ui", "wait_no_feed").text(language)
                .replacingAll("{path}", with: paths.joined(separator: language == .zh ? "、" : ", "))
        }
    }

    /// Milliseconds as seconds without trailing zeros: 500 → "0.5", 2000 → "2".
    static func seconds(_ millis: Int) -> String {
        let whole = millis / 1000, part = millis % 1000
        guard part != 0 else { return "\(whole)" }
        var digits = String(part)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
