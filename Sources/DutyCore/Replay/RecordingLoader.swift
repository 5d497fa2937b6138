/// The tailer's sink while a recording loads: validates each line (its own
/// parser, keeping no texts: every check of the live parser runs, so the
/// lines quarantined are the same) for its ts, and keeps where the line is
/// (file, offset, length), not its bytes: a replay reads it back from there.
///
/// The work per line is `entry(for:at:)`, separate from the sink (the load
/// itself is one thread: a parallel loader could use it as is).
struct RecordingLoader: LineSink {
    var parser = FeedParser.validating()
    var entries: [Recording.Entry] = []
    var quarantined: [QuarantinedLine] = []
    /// The files met, in the order first read (a file's number is its index).
    private(set) var origins: [LineOrigin] = []
    private var numbers: [FileKey: Int] = [:]
    /// The file being read, shifted into place for `Recording.Entry`.
    private var current: UInt64 = 0

    private struct FileKey: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    init(reserving: Int = 0) { entries.reserveCapacity(reserving) }

    /// The number of the file read as (device, inode), if one was read.
    func number(device: UInt64, inode: UInt64) -> Int? { numbers[FileKey(device: device, inode: inode)] }

    mutating func reading(_ origin: LineOrigin) {
        let key = FileKey(device: origin.device, inode: origin.inode)
        let number: Int
        if let known = numbers[key] {
            number = known
        } else {
            number = origins.count
            precondition(number < Recording.Entry.maxFiles, "more than \(Recording.Entry.maxFiles) files")
            numbers[key] = number
            origins.append(origin)
        }
        current = UInt64(number) << Recording.Entry.offsetBits
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        switch Self.entry(for: bytes, at: position.offset, file: current, parser: &parser) {
        case .success(let entry):
            entries.append(entry)
        case .failure(let error):
            refused(QuarantinedLine(file: position.file, line: position.line, offset: position.offset, error: error))
        }
    }

    /// The entry of one line at `offset` of the file `file` (already shifted),
    /// or why the line is refused.
    @inline(__always)
    static func entry(for bytes: UnsafeRawBufferPointer, at offset: Int64, file: UInt64,
                      parser: inout FeedParser) -> Result<Recording.Entry, FeedError> {
        switch parser.parseCompact(bytes) {
        case .success(let snapshot):
            precondition(offset < Recording.Entry.maxOffset, "a file over \(Recording.Entry.maxOffset) bytes")
            return .success(Recording.Entry(ts: snapshot.ts, location: file | UInt64(offset),
                                            length: Int32(bytes.count), micros: snapshot.tsMicros))
        case .failure(let error):
            return .failure(error)
        }
    }

    mutating func refused(_ line: QuarantinedLine) {
        Log.feed.debug("quarantined \(Log.shown(line.description))")
        quarantined.append(line)
    }
}
