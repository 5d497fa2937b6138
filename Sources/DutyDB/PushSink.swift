import DutyCore
import Foundation

/// The tailer's sink for `push`: validates each line as a file ingest does
/// (the same parser), skips lines an earlier push already committed, and
/// gathers the rest into a `PushBatch`; `onFull` commits it every
/// `batchLines` lines so memory stays bounded on a large file.
///
/// The tailer reads every file from its start, so on a restart the lines up
/// to the committed position are read and skipped, not sent again.
public final class PushSink: LineSink {
    public private(set) var batch = PushBatch()
    public let batchLines: Int
    /// Commits the batch: `take()`, commit, then `committed(_:)`.
    public var onFull: ((PushSink) -> Void)?
    private var committed: [FileIdentity: FilePosition]
    private var parser = FeedParser()
    /// Path → identity and first bytes, for the current poll (a rotation can move a name to another file).
    private var known: [String: (FileIdentity, String)?] = [:]

    public init(committed: [FileIdentity: FilePosition], batchLines: Int = 10_000) {
        self.committed = committed
        self.batchLines = batchLines
    }

    /// Call before each poll: names may lead to other files now.
    public func newPoll() { known.removeAll(keepingCapacity: true) }

    /// Hands over the gathered batch and starts a new one.
    public func take() -> PushBatch {
        let out = batch
        batch = PushBatch()
        return out
    }

    /// Called once `batch` is committed: its lines are never gathered again.
    public func committed(_ batch: PushBatch) {
        for (id, position) in batch.positions { committed[id] = position }
    }

    public func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        if alreadyPushed(position.file, line: position.line, end: position.offset + Int64(bytes.count) + 1) { return }
        switch parser.parse(bytes) {
        case .success(let snapshot):
            let id = parser.id(of: bytes)
            batch.rows.append(.init(kind: snapshot.kind.wire, id: id, tsExact: snapshot.exactTs,
                                    line: String(decoding: bytes, as: UTF8.self), file: position.file, actor: snapshot.by))
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

    /// Whether line `line` of `file` was committed by an earlier push (skip
    /// it); if not, notes that the file has now been read through it. A file
    /// gone before it could be identified cannot be checked: its lines are
    /// pushed, without a position.
    private func alreadyPushed(_ file: String, line: Int, end: Int64) -> Bool {
        guard let (identity, prefix) = identify(file) else { return false }
        if let done = committed[identity], done.matches(prefix: prefix), line <= done.line { return true }
        batch.positions[identity] = FilePosition(file: file, fingerprint: prefix, offset: end, line: line)
        return false
    }

    private func identify(_ file: String) -> (FileIdentity, String)? {
        if let cached = known[file] { return cached }
        var found: (FileIdentity, String)?
        if let info = Platform.stat(path: file) {
            let head = FileHandle(forReadingAtPath: file).map { handle in
                defer { try? handle.close() }
                return (try? handle.read(upToCount: 64)) ?? Data()
            } ?? Data()
            found = (FileIdentity(device: info.device, inode: info.inode), head.map { String(format: "%02x", $0) }.joined())
        }
        known[file] = found
        return found
    }
}
