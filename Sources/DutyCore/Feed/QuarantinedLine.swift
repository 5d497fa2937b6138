/// One entry of the quarantine: a refused line and where it was.
public struct QuarantinedLine: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// Byte offset of the line's start in the file.
    public var offset: Int64
    public var error: FeedError

    public init(file: String, line: Int, offset: Int64, error: FeedError) {
        self.file = file; self.line = line; self.offset = offset; self.error = error
    }

    /// `FILE:LINE: reason`, the format of `dutydesk check`.
    public var description: String { "\(Sanitize.path(file)):\(line): \(error.message)" }
}
