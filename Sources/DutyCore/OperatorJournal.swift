/// The operator journal: where a console writes what its operator did, as feed
/// records, shared with the other consoles on the host. The screen may show an
/// action as done only once `append` says `.written`, because only then is it
/// on disk; and two consoles can never both act on the same state, because
/// each append re-reads and re-checks under an exclusive flock:
///
///   lock → repair a torn tail → read what others appended → check → one
///   write() of the whole batch → fdatasync → unlock.
///
/// A failed write or sync is truncated back, so the file never holds a partial
/// line or a batch nobody confirmed; the journal then refuses further appends
/// until `retry()`, so the operator sees the failure before acting again.
///
/// Confined to one thread (the console's queue), like the store: it holds an
/// open file and a parser. Two instances (two opens) exclude each other even in
/// one process, since flock locks belong to the open file description.
public final class OperatorJournal {
    public let path: String
    /// This console's id, written into every record as `"console":"…"`.
    public let console: String
    /// The failure that blocks appends until `retry()`, if any.
    public private(set) var blocked: JournalFailure?
    /// The next append's injected fault (tests only), consumed by one write.
    var faults: JournalFault?

    private var fd: Int32 = -1
    /// Where this object stops having read: always just after a newline.
    private var readOffset: Int64
    /// The length to cut back to when a truncation after a failure failed itself.
    private var pendingTruncate: (length: Int64, leftAt: Int64)?
    private var parser = FeedParser()
    private var index: [JournalKey: Record] = [:]
    /// `,"console":"ID"}` + "\n", made once.
    private let lineEnd: [UInt8]

    /// `readFrom` is the offset up to which the caller has already ingested
    /// the journal (e.g. through the feed tailer); 0 makes the first append
    /// read it all, so that its check knows every item the journal touched.
    public init(path: String, console: String, readFrom: Int64 = 0) {
        self.path = path
        self.console = console
        self.readOffset = readFrom
        lineEnd = Self.consoleSuffix(console)
    }

    deinit { if fd >= 0 { Platform.close(fd) } }

    /// Writes `records` as one batch if `check` finds nothing has moved on.
    /// `check` runs under the lock, after the lines other consoles appended
    /// were read (they are in the view and in the result, to be ingested).
    public func append(_ records: [Record], expecting check: (JournalView) -> JournalRefusal?) -> JournalResult {
        if let blocked { return JournalResult(outcome: .blocked(blocked), read: [], badLines: []) }
        var read: [Record] = []
        var bad: [JournalBadLine] = []
        let outcome = locked(exclusive: true) { size -> JournalResult.Outcome in
            if let failure = repairTail(&size) { return .failed(failure) }
            if let failure = readNew(upTo: size, into: &read, &bad) { return .failed(failure) }
            if let refusal = check(JournalView(newRecords: read, index: index)) { return .refused(refusal) }
            let bytes = encode(records)
            if let failure = writeDurably(bytes, at: size) { return .failed(failure) }
            readOffset = size + Int64(bytes.count)
            for r in records { remember(r) }
            return .written(offset: size, length: bytes.count)
        }
        if case .failed(let failure) = outcome { blocked = failure }
        return JournalResult(outcome: outcome, read: read, badLines: bad)
    }

    /// Reads what other consoles appended since the last read, without
    /// writing (shared lock: never sees a batch half-written or about to be
    /// cut back). A torn tail is left for the next append to repair.
    public func poll() -> Result<(records: [Record], badLines: [JournalBadLine]), JournalFailure> {
        var read: [Record] = []
        var bad: [JournalBadLine] = []
        let outcome = locked(exclusive: false) { size -> JournalResult.Outcome in
            if let failure = readNew(upTo: size, into: &read, &bad) { return .failed(failure) }
            return .written(offset: size, length: 0)
        }
        if case .failed(let failure) = outcome { return .failure(failure) }
        return .success((read, bad))
    }

    /// The operator has seen the failure and wants to act again: lift the
    /// block. The action itself is not replayed; the caller appends it anew
    /// (its check must run against the state as it is now).
    public func retry() { blocked = nil }

    /// The lines a batch becomes: RecordWriter's line for each record with
    /// `,"console":"ID"` spliced in before its closing brace. RecordWriter
    /// has no place for keys outside the record model, and the console id is
    /// not part of `Record` (the parser ignores the key), so it is added here.
    func encode(_ records: [Record]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * 360)
        for r in records {
            RecordWriter.append(r, to: &out, newline: false)
            out.removeLast()  // RecordWriter always ends the object with "}"
            out.append(contentsOf: lineEnd)
        }
        return out
    }

    // MARK: - The steps

    /// Opens if needed, takes the lock, runs `body` with the file's size, unlocks.
    private func locked(exclusive: Bool, _ body: (inout Int64) -> JournalResult.Outcome) -> JournalResult.Outcome {
        if fd < 0 {
            let existed = Platform.stat(path: path) != nil
            guard let opened = Platform.openReadAppend(path) else { return .failed(failure(.open, Platform.errnoValue)) }
            fd = opened
            if !existed { syncDirectory() }
        }
        guard Platform.lockFile(fd, exclusive: exclusive) else { return .failed(failure(.lock, Platform.errnoValue)) }
        defer { Platform.unlockFile(fd) }
        guard var size = Platform.stat(fd: fd)?.size else { return .failed(failure(.read, Platform.errnoValue)) }
        if exclusive, let pending = pendingTruncate {
            // Only cut if nobody appended after the leftover bytes.
            if size == pending.leftAt {
                guard Platform.truncateFile(fd, to: pending.length) else { return .failed(failure(.truncate, Platform.errnoValue)) }
                size = pending.length
            }
            pendingTruncate = nil
        }
        if size < readOffset { readOffset = 0 }  // cut or replaced under us: read it again
        return body(&size)
    }

    /// Bytes after the last newline can only be a writer that died mid-write
    /// (writers hold this lock until their batch is whole or cut back), so
    /// under the exclusive lock they are moved to `<path>.torn` and cut off.
    private func repairTail(_ size: inout Int64) -> JournalFailure? {
        guard size > 0 else { return nil }
        var last: UInt8 = 0
        guard Platform.read(fd, into: &last, count: 1, at: size - 1) == 1 else { return failure(.repair, Platform.errnoValue) }
        if last == UInt8(ascii: "\n") { return nil }
        var end = size, cut: Int64 = 0
        var tail: [UInt8] = []
        while end > 0 && cut == 0 {
            let start = max(0, end - 65_536)
            var chunk = [UInt8](repeating: 0, count: Int(end - start))
            let n = chunk.withUnsafeMutableBytes { Platform.read(fd, into: $0.baseAddress!, count: $0.count, at: start) }
            guard n == chunk.count else { return failure(.repair, Platform.errnoValue) }
            if let nl = chunk.lastIndex(of: UInt8(ascii: "\n")) {
                cut = start + Int64(nl) + 1
                tail = Array(chunk[(nl + 1)...]) + tail
            } else {
                tail = chunk + tail
            }
            end = start
        }
        guard let torn = Platform.openReadAppend(path + ".torn") else { return failure(.repair, Platform.errnoValue) }
        defer { Platform.close(torn) }
        let saved = tail.withUnsafeBytes { Platform.writeAll(torn, $0) } && Platform.dataSync(torn)
        guard saved else { return failure(.repair, Platform.errnoValue) }
        guard Platform.truncateFile(fd, to: cut), Platform.dataSync(fd) else { return failure(.repair, Platform.errnoValue) }
        size = cut
        if readOffset > cut { readOffset = cut }
        return nil
    }

    /// Parses whole lines from `readOffset` to `size` and remembers them.
    private func readNew(upTo size: Int64, into read: inout [Record], _ bad: inout [JournalBadLine]) -> JournalFailure? {
        guard size > readOffset else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(size - readOffset))
        let n = bytes.withUnsafeMutableBytes { Platform.read(fd, into: $0.baseAddress!, count: $0.count, at: readOffset) }
        guard n == bytes.count else { return failure(.read, Platform.errnoValue) }
        var start = 0
        while let nl = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if nl > start {
                let result = bytes[start..<nl].withUnsafeBytes { line in
                    parser.parse(line).map { Record(id: parser.id(of: line), snapshot: $0) }
                }
                switch result {
                case .success(let record):
                    remember(record)
                    read.append(record)
                case .failure(let error):
                    bad.append(JournalBadLine(offset: readOffset + Int64(start), error: error))
                }
            }
            start = nl + 1
        }
        readOffset += Int64(start)  // a partial last line is read again next time
        return nil
    }

    /// One write() of the batch, then fdatasync; on any failure the file is
    /// cut back to `before`, so nothing of the batch remains.
    private func writeDurably(_ bytes: [UInt8], at before: Int64) -> JournalFailure? {
        let fault = faults
        faults = nil
        var written: Int, code: Int32 = 0
        switch fault {
        case .shortWrite(let n)?:
            written = rawWrite(bytes, limit: n)
        case .writeError(let e, let n)?:
            _ = rawWrite(bytes, limit: n)
            written = -1; code = e
        default:
            written = rawWrite(bytes, limit: bytes.count)
            if written < 0 { code = Platform.errnoValue }
        }
        var problem: JournalFailure?
        if written < 0 {
            problem = failure(.write, code)
        } else if written != bytes.count {
            problem = JournalFailure(step: .write, code: 0,
                                     message: "write failed: short write (\(written) of \(bytes.count) bytes)")
        } else if case .syncError(let e)? = fault {
            problem = failure(.sync, e)
        } else if !Platform.dataSync(fd) {
            problem = failure(.sync, Platform.errnoValue)
        }
        guard var problem else { return nil }
        if !(Platform.truncateFile(fd, to: before) && Platform.dataSync(fd)) {
            let after = Platform.stat(fd: fd)?.size ?? before
            if after != before { pendingTruncate = (before, after) }
            problem.message += "; cutting back failed: \(Platform.errnoText)"
        }
        return problem
    }

    private func rawWrite(_ bytes: [UInt8], limit: Int) -> Int {
        bytes.withUnsafeBytes { Platform.writeOnce(fd, UnsafeRawBufferPointer(rebasing: $0[..<min(limit, $0.count)])) }
    }

    /// Keeps the latest snapshot of each item; on equal ts the first stays, as in the store.
    private func remember(_ record: Record) {
        let key = JournalKey(kind: record.kind, id: record.id)
        if let held = index[key], held.snapshot.exactTs >= record.snapshot.exactTs { return }
        index[key] = record
    }

    /// Makes a newly created journal's name durable too.
    private func syncDirectory() {
        let dir = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        guard let dfd = Platform.openRead(dir.isEmpty ? "/" : dir) else { return }
        _ = Platform.fullSync(dfd)
        Platform.close(dfd)
    }

    private func failure(_ step: JournalFailure.Step, _ code: Int32) -> JournalFailure {
        JournalFailure(step: step, code: code, message: "\(step.rawValue) failed: \(Platform.errorText(code))")
    }

    /// `,"console":"ID"}\n` with the id escaped as a JSON string.
    private static func consoleSuffix(_ id: String) -> [UInt8] {
        var out = Array(#","console":"#.utf8)
        RecordWriter.string(id, &out)
        out += Array("}\n".utf8)
        return out
    }
}
