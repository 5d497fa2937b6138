import Dispatch

/// What one poll handed over.
public struct PollReport: Sendable {
    /// Lines handed to the sink, refused ones included.
    public var lines: Int
    public var bytes: Int64
    public var problems: [String]
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
