/// A line sink that records as it ingests: `watch --record FILE` puts it
/// between the tailer and the store, so every line reaches the store exactly
/// as before, and a line that gave the store something new (a new item, a
/// newer snapshot, or an older one filed in a timeline) also goes to the
/// recording.
///
/// Why only those: a recording is a feed that replays clean, each snapshot
/// once. Bad lines are the live feed's problem and are reported there; an
/// exact duplicate or a conflicting copy of a snapshot already held adds no
/// state. That also keeps a recording from feeding itself: one written into
/// a watched folder is read back as duplicates and not written again (before,
/// it grew by the whole feed at every poll), and a file re-read after a
/// rewrite, or the journal's copy of an action already recorded, is not
/// recorded twice.
public struct RecordingSink: LineSink {
    public let store: Store
    public let writer: RecordingWriter
    /// Lines written to the recording through this sink.
    public private(set) var recorded = 0

    public init(inner store: Store, writer: RecordingWriter) {
        self.store = store
        self.writer = writer
    }

    public mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        switch store.ingest(line: bytes, file: position.file, lineNumber: position.line, offset: position.offset) {
        case .created?, .updated?, .historical?:
            writer.append(line: bytes)
            recorded += 1
        case .duplicate?, .conflict?, nil:
            break
        }
    }

    public mutating func refused(_ line: QuarantinedLine) { store.refused(line) }
}
