import Dispatch

/// What one poll handed over.
public struct PollReport: Sendable {
    /// Lines handed to the sink, refused ones included.
    public var lines: Int
    public var bytes: Int64
    /// What could not be read, in both languages.
    public var feedProblems: [FeedProblem]
    /// The same, worded for a caller that polls again ("— retrying every poll").
    public var problems: [String] { feedProblems.map { $0.text(.en, retrying: true) } }
}

/// For the header's feed-health display.
public struct FeedHealth: Sendable, Equatable {
    /// Files currently followed (open).
    public var files: Int
    /// Lines handed to the sink since start, refused ones included.
    public var lines: Int
    /// Bytes read since start.
    public var bytes: Int64
    /// Platform.wallClockMillis of the last poll that brought a line; nil before any.
    public var lastLineMillis: Int64?
}
