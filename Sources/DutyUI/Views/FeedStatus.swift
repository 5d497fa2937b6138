import DutyCore

/// Feed health for the header (from the tailer), if the console tails files.
public struct FeedStatus: Equatable, Sendable {
    public var files: Int
    public var lastLine: Millis?
    public var problems: [FeedProblem]
    /// What the tailer waits for while it follows no file (the events pane says it).
    public var waiting: FeedWait?
    /// How often the tailer polls: a missing path is looked for again that often.
    public var pollMillis: Int
    public init(files: Int, lastLine: Millis?, problems: [FeedProblem], waiting: FeedWait? = nil, pollMillis: Int = 500) {
        self.files = files; self.lastLine = lastLine; self.problems = problems
        self.waiting = waiting; self.pollMillis = pollMillis
    }
}
