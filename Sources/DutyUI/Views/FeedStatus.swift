import DutyCore

/// Feed health for the header (from the tailer), if the console tails files.
public struct FeedStatus: Equatable, Sendable {
    public var files: Int
    public var lastLine: Millis?
    public var problems: [String]
    public init(files: Int, lastLine: Millis?, problems: [String]) {
        self.files = files; self.lastLine = lastLine; self.problems = problems
    }
}
