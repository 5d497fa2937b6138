import DutyCore

/// The tailer's sink for `push`: validates each line as a file ingest does
/// (the same parser), skips lines an earlier push already committed, and
/// gathers the rest into a `PushBatch`; `onFull` commits it every
/// `batchLines` lines so memory stays bounded on a large file.
///
/// The tailer reads every file from its start, so on a restart the lines up
/// to the committed position are read and skipped, not sent again. Which
/// file a line belongs to comes from the tailer (`reading(_:)`: device and
/// inode), never from its name: after a rotation the name leads elsewhere.
public final class PushSink: LineSink {
    public private(set) var batch = PushBatch()
    public let batchLines: Int
    /// Commits the batch: `take()`, commit, then `committed(_:)`.
    public var onFull: ((PushSink) -> Void)?
    private var committed: [FileIdentity: FilePosition]
    /// A fresh one per batch, so its text table does not grow for the whole push.
    private var parser = FeedParser()
    /// The file the tailer is reading now, and its first bytes in hex.
    private var origin: Origin?
    /// How far the current file has been gathered (put in the batch when
    /// the file changes or the batch is taken: not a dictionary write a line).
    private var reached: (FileIdentity, FilePosition)?
    private var originHead: [UInt8] = []
    /// The first line of this batch for each kind+id+ts, to judge later ones against.
    private var firstOf: [Key: (row: Int, snapshot: CompactSnapshot)] = [:]

    private struct Origin {
        var identity: FileIdentity
        var path: String
        var fingerprint: String
        /// Lines up to this one were committed by an earlier push.
        var skipThrough: Int
    }

    private struct Key: Hashable {
        var kind: Kind
        var id: String
        var ts: Int64
    }

    public init(committed: [FileIdentity: FilePosition], batchLines: Int = 10_000) {
        self.committed = committed
        self.batchLines = batchLines
    }

    /// Call before each poll. (Kept for callers: identities come from the tailer now.)
    public func newPoll() {}

    /// Forgets what was committed and takes `positions` instead: after a
    /// reconnection, what the database says was committed is the truth.
    public func recommitted(_ positions: [FileIdentity: FilePosition]) {
        committed = positions
        if let o = origin { origin?.skipThrough = skip(o.identity, o.fingerprint) }
    }

    private func skip(_ identity: FileIdentity, _ fingerprint: String) -> Int {
        guard let done = committed[identity], done.matches(prefix: fingerprint) else { return 0 }
        return done.line
    }

    /// Hands over the gathered batch and starts a new one.
    public func take() -> PushBatch {
        noteReached()
        let out = batch
        batch = PushBatch()
        batch.rows.reserveCapacity(min(batchLines, 1 << 16))
        firstOf.removeAll(keepingCapacity: true)
        parser = FeedParser()
        return out
    }

    /// Called once `batch` is committed: its lines are never gathered again.
    public func committed(_ batch: PushBatch) {
        for (id, position) in batch.positions { committed[id] = position }
        if let o = origin { origin?.skipThrough = skip(o.identity, o.fingerprint) }
    }

    public func reading(_ file: LineOrigin) {
        if let origin, origin.identity.device == file.device, origin.identity.inode == file.inode,
           origin.path == file.path, originHead == file.head { return }
        noteReached()
        originHead = file.head
        let identity = FileIdentity(device: file.device, inode: file.inode), fingerprint = Self.hex(file.head)
        origin = Origin(identity: identity, path: file.path, fingerprint: fingerprint, skipThrough: skip(identity, fingerprint))
    }

    public func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        if alreadyPushed(position.file, line: position.line, end: position.offset + Int64(bytes.count) + 1) { return }
        switch parser.parseCompact(bytes) {
        case .success(let snapshot):
            let n = batch.rows.count
            let key = Key(kind: snapshot.kind, id: parser.id(of: bytes), ts: snapshot.exactTs)
            var echo: PushBatch.Echo?, echoOf: Int?
            if let first = firstOf[key] {
                echoOf = first.row
                echo = first.snapshot.sameContent(as: snapshot, texts: parser.texts!) ? .duplicate : .conflict
            } else {
                firstOf[key] = (n, snapshot)
            }
            let start = batch.text.count
            batch.text.append(contentsOf: bytes)
            batch.rows.append(.init(kind: snapshot.kind.wire, id: key.id, tsExact: key.ts, start: start, count: bytes.count,
                                    file: position.file, actor: snapshot.by.isNone ? nil : parser.texts!.text(snapshot.by),
                                    echo: echo, echoOf: echoOf,
                                    towns: RecordTowns.of(snapshot, texts: parser.texts!).map(RecordTowns.arrayLiteral)))
        case .failure(let error):
            batch.quarantined.append(QuarantinedLine(file: position.file, line: position.line, offset: position.offset, error: error))
        }
        if batch.lineCount >= batchLines { onFull?(self) }
    }

    public func refused(_ line: QuarantinedLine) {
        if alreadyPushed(line.file, line: line.line, end: line.offset) { return }
        batch.quarantined.append(line)
        if batch.lineCount >= batchLines { onFull?(self) }
    }

    /// Whether line `line` of the file being read was committed by an
    /// earlier push (skip it); if not, notes that the file has now been read
    /// through it. Without an origin from the tailer (a sink driven by hand),
    /// the line is pushed without a position.
    private func alreadyPushed(_ file: String, line: Int, end: Int64) -> Bool {
        guard let origin, origin.path == file else { return false }
        if line <= origin.skipThrough { return true }
        reached = (origin.identity, FilePosition(file: file, fingerprint: origin.fingerprint, offset: end, line: line))
        return false
    }

    /// Puts the position reached in the current file into the batch.
    private func noteReached() {
        guard let (identity, position) = reached else { return }
        batch.positions[identity] = position
        reached = nil
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
