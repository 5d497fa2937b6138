/// A line sink that records as it forwards: `watch --record FILE` puts it
/// between the tailer and the store, so every line still reaches the store
/// exactly as before and the good ones also go to the recording.
///
/// Why only good lines: a recording is a feed that replays clean; bad lines
/// are the live feed's problem and are reported there (the inner sink still
/// gets them, refused ones included). Checking costs a second, validating-only
/// parse (its own `FeedParser.validating()`, keeping no texts), which leaves
/// the inner sink's parser and its interned texts untouched.
public struct RecordingSink<S: LineSink>: LineSink {
    public var inner: S
    public let writer: RecordingWriter
    private var parser = FeedParser.validating()
    /// Lines written to the recording through this sink.
    public private(set) var recorded = 0

    public init(inner: S, writer: RecordingWriter) {
        self.inner = inner
        self.writer = writer
    }

    public mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        if case .success = parser.parseCompact(bytes) {
            writer.append(line: bytes)
            recorded += 1
        }
        inner.line(bytes, at: position)
    }

    public mutating func refused(_ line: QuarantinedLine) { inner.refused(line) }
}
