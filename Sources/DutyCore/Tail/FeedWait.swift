/// What a tailer following no file yet is waiting for, so that a console
/// over an empty or missing folder can say so instead of showing empty panes.
/// Paths are sanitised (`Sanitize.path`): they are drawn on the terminal.
public enum FeedWait: Equatable, Sendable {
    /// A path given does not exist (yet): it is looked for again every poll.
    case missing(String)
    /// The paths exist but hold no feed file (`*.jsonl`) yet.
    case noFeedFile([String])

    /// The first missing path wins: it is the likelier typo. A path that
    /// failed otherwise (unreadable, not a folder) gives no wait: "no feed
    /// file yet" would be wrong there, and the problem itself is named.
    init?(paths: [String], missing: [Int], failed: Set<Int>) {
        if let first = missing.first {
            self = .missing(Sanitize.path(paths[first]))
        } else if failed.isEmpty {
            self = .noFeedFile(paths.map(Sanitize.path))
        } else {
            return nil
        }
    }
}
