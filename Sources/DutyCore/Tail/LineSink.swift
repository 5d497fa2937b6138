import Dispatch

/// Where a line came from.
public struct LinePosition: Sendable, Equatable {
    public var file: String
    /// 1-based.
    public var line: Int
    /// Byte offset of the line's start in the file.
    public var offset: Int64

    public init(file: String, line: Int, offset: Int64) {
        self.file = file; self.line = line; self.offset = offset
    }
}

/// Receives complete lines. Generic, not an existential, so the hot path is direct calls.
public protocol LineSink {
    /// `bytes` excludes the "\n" and a trailing "\r"; valid only during the call (no copy is made).
    mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition)
    /// A line refused before parsing (over FeedParser.maxLineBytes).
    mutating func refused(_ line: QuarantinedLine)
    /// Called before the lines (and refusals) of each chunk read from a file:
    /// every line until the next call comes from `origin`. Sinks that only
    /// need names ignore it (the default).
    mutating func reading(_ origin: LineOrigin)
}

extension LineSink {
    public mutating func reading(_ origin: LineOrigin) {}
}
