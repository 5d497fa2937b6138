import Dispatch

/// The operator journal: where a console writes what its operator did, as feed
/// records, shared with the other consoles on the host. The screen may show an
/// action as done only once `append` says `.written`, because only then is it
/// on disk; and two consoles can never both act on the same state, because
/// each append re-reads and re-checks under an exclusive flock:
///
///   lock → the path still names the file held (else reopen) → terminate a
///   torn tail → read what others appended → build/check (task ids are
///   allocated here) → one write() of the whole batch → fdatasync → unlock.
///
/// Bytes once in the file are never rewritten or moved, so readers that do
/// not take the lock (the feed tailer of every console, `stats --follow`)
/// never see a byte they read change: a torn last line (a writer died
/// mid-write) is ended with a newline and becomes one bad line for everyone.
/// The journal is opened without following symlinks and refused when it is
/// not a regular file of this center (`Platform.openSafely`, `checkSharing`).
///
/// A failed write or sync is truncated back, so the file never holds a partial
/// line or a batch nobody confirmed; the journal then refuses further appends
/// until `retry()`, so the operator sees the failure before acting again.
///
/// Confined to one thread (the console's queue), like the store: it holds an
/// open file and a parser. Two instances (two opens) exclude each other even in
/// one process, since flock locks belong to the open file description.
public final class OperatorJournal: ActionLedger {
    public let path: String
    /// This console's id, written into every record as `"console":"…"`.
    public let console: String
    /// Where documents' copies and handovers go: the journal's own folder
    /// unless set (`notice --documents`).
    public var documentsFolder: String
    /// Files do not identify operators: `--operator` or the login name acts.
    public var operatorIdentity: String? { nil }
    /// The failure that blocks appends until `retry()`, if any.
    public private(set) var blocked: JournalFailure?
    /// The next append's injected fault (tests only), consumed by one write.
    var faults: JournalFault?

    private var fd: Int32 = -1
    /// Whether a file was opened before (a reopen reads the new file from its start).
    private var everOpened = false
    /// Where this object stops having read: always just after a newline.
    private var readOffset: Int64
    /// The length to cut back to when a truncation after a failure failed itself.
    private var pendingTruncate: (length: Int64, leftAt: Int64)?
    private var parser = FeedParser()
    private var index: [JournalKey: Record] = [:]
    /// The highest task number seen per `ZF-YYYYMMDD-` among every record
    /// read or written (across reopened files too).
    private var highestTask: [String: Int] = [:]
    /// Where the task-id counters live: `<path>.ids`.
    public var idStatePath: String { path + ".ids" }
    /// `,"console":"ID"}` + "\n", made once.
    private let lineEnd: [UInt8]
    /// The queue the owner confined the journal to, if any (see `confine(to:)`).
    private let confinement = QueueConfinement()

    /// `readFrom` is the offset up to which the caller has already ingested
    /// the journal (e.g. through the feed tailer); 0 makes the first append
    /// read it all, so that its check knows every item the journal touched.
    public init(path: String, console: String, readFrom: Int64 = 0) {
        self.path = path
        self.console = console
        self.readOffset = readFrom
        documentsFolder = Platform.directory(of: path)
        lineEnd = Self.consoleSuffix(console)
    }

    deinit { if fd >= 0 { Platform.close(fd) } }

    /// Confines the journal to `queue` (nil: lifts it): from now on, in
    /// debug builds, appending, polling or retrying from any other queue traps.
    public func confine(to queue: DispatchQueue?) { confinement.confine(to: queue) }

    /// Writes `records` as one batch if `check` finds nothing has moved on.
    /// `check` runs under the lock, after the lines other consoles appended
    /// were read (they are in the view and in the result, to be ingested).
    public func append(_ records: [Record], expecting check: (JournalView) -> JournalRefusal?) -> JournalResult {
        append { view in check(view).map { .failure($0) } ?? .success(records) }
    }

    /// Writes the records `build` makes, as one batch, or nothing if it
    /// refuses. `build` runs under the exclusive lock, after the lines other
    /// consoles appended were read (they are in the view and in the result,
    /// to be ingested), so what it decides from the view cannot be overtaken;
    /// task ids it takes from `view.nextTaskID` are recorded in the id state
    /// file before the batch is written, so no console issues them again.
    public func append(building build: (JournalView) -> Result<[Record], JournalRefusal>) -> JournalResult {
        confinement.check()
        if let blocked { return JournalResult(outcome: .blocked(blocked), read: [], badLines: []) }
        var read: [Record] = []
        var bad: [JournalBadLine] = []
        var written: [Record] = []
        let outcome = locked(exclusive: true) { size -> JournalResult.Outcome in
            if let failure = terminateTornTail(&size) { return .failed(failure) }
            if let failure = readNew(upTo: size, into: &read, &bad) { return .failed(failure) }
            let ids = TaskIDAllocator(seen: highestTask) { [self] in loadIDState() }
            let records: [Record]
            switch build(JournalView(newRecords: read, source: FileJournalViewSource(index: index, ids: ids))) {
            case .failure(let refusal): return .refused(refusal)
            case .success(let built): records = built
            }
            if let failure = ids.failure { return .failed(failure) }
            if !ids.issued.isEmpty, let failure = saveIDState(ids.merged) { return .failed(failure) }
            guard !records.isEmpty else { return .written(offset: size, length: 0) }
            let bytes = encode(records)
            if let failure = writeDurably(bytes, at: size) { return .failed(failure) }
            readOffset = size + Int64(bytes.count)
            for r in records { remember(r) }
            written = records
            return .written(offset: size, length: bytes.count)
        }
        switch outcome {
        case .failed(let failure):
            blocked = failure
            Log.journal.debug("\(Log.shown(path)): append failed, blocked until retry: \(Log.shown(failure.message))")
        case .refused(let refusal):
            Log.journal.debug("\(Log.shown(path)): append refused: \(Log.shown(refusal.reason))")
        default: break
        }
        return JournalResult(outcome: outcome, read: read, badLines: bad, written: written)
    }

    /// Reads what other consoles appended since the last read, without
    /// writing (shared lock: never sees a batch half-written or about to be
    /// cut back). A torn tail is left for the next append to terminate.
    public func poll() -> Result<(records: [Record], badLines: [JournalBadLine]), JournalFailure> {
        confinement.check()
        var read: [Record] = []
        var bad: [JournalBadLine] = []
        let outcome = locked(exclusive: false) { size -> JournalResult.Outcome in
            if let failure = readNew(upTo: size, into: &read, &bad) { return .failed(failure) }
            return .written(offset: size, length: 0)
        }
        if case .failed(let failure) = outcome { return .failure(failure) }
        return .success((read, bad))
    }

    /// At start: when a journal already exists at the path, opens it now
    /// (without creating one or locking), so that a symlink, a special file
    /// or a foreign owner is reported before the operator acts; the journal
    /// is then blocked like after any failure. nil when it is usable or not
    /// there yet (the first append creates it).
    public func preflight() -> JournalFailure? {
        confinement.check()
        guard fd < 0, blocked == nil, Platform.identity(ofName: path) != nil else { return nil }
        if let failure = open() {
            blocked = failure
            Log.journal.debug("\(Log.shown(path)): refused at start, blocked until retry: \(Log.shown(failure.message))")
            return failure
        }
        return nil
    }

    /// The operator has seen the failure and wants to act again: lift the
    /// block. The action itself is not replayed; the caller appends it anew
    /// (its check must run against the state as it is now).
    public func retry() {
        confinement.check()
        if blocked != nil { Log.journal.debug("\(Log.shown(path)): block lifted by the operator") }
        blocked = nil
    }

    /// Every good record of the journal file (every console's), for the
    /// handover (`ShiftHandover.readJournal`); `since` is left to the
    /// handover's own window.
    public func actionRecords(since: Millis) -> [Record] {
        (try? ShiftHandover.readJournal(path: path).get()) ?? []
    }

    /// One record's line as a console writes it (`encode`), without the
    /// newline: the database ledger's lines are the journal's, byte for byte.
    public static func line(_ record: Record, console: String) -> String {
        var out: [UInt8] = []
        RecordWriter.append(record, to: &out, newline: false)
        out.removeLast()  // RecordWriter always ends the object with "}"
        out.append(contentsOf: consoleSuffix(console).dropLast())
        return String(decoding: out, as: UTF8.self)
    }

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

    /// Opens if needed, takes the lock, makes sure the path still names the
    /// file held (renamed away, deleted or replaced: the file the path names
    /// now is opened and read from its start), runs `body` with the file's
    /// size, unlocks.
    private func locked(exclusive: Bool, _ body: (inout Int64) -> JournalResult.Outcome) -> JournalResult.Outcome {
        for _ in 0..<8 {
            if fd < 0, let failure = open() { return .failed(failure) }
            guard Platform.lockFile(fd, exclusive: exclusive) else { return .failed(failure(.lock, Platform.errnoValue)) }
            guard let held = Platform.stat(fd: fd) else {
                Platform.unlockFile(fd)
                return .failed(failure(.read, Platform.errnoValue))
            }
            guard let named = Platform.identity(ofName: path), named.device == held.device, named.inode == held.inode else {
                // Another file is the journal now (or none is): follow the name.
                Log.journal.debug("\(Log.shown(path)) now names another file (or none): reopening, reading it from its start")
                Platform.unlockFile(fd)
                Platform.close(fd)
                fd = -1
                readOffset = 0
                pendingTruncate = nil
                continue
            }
            defer { Platform.unlockFile(fd) }
            var size = held.size
            if exclusive, let pending = pendingTruncate {
                // Only cut if nobody appended after the leftover bytes.
                if size == pending.leftAt {
                    guard Platform.truncateFile(fd, to: pending.length) else { return .failed(failure(.truncate, Platform.errnoValue)) }
                    Log.journal.debug("\(Log.shown(path)): cut back a failed write's leftover to \(pending.length) bytes")
                    size = pending.length
                }
                pendingTruncate = nil
            }
            if size < readOffset { readOffset = 0 }  // cut or replaced under us: read it again
            return body(&size)
        }
        return .failed(JournalFailure(step: .open, code: 0, message: "open failed: \(path) keeps being replaced"))
    }

    /// Opens the journal, creating it (0660 before the umask) if missing,
    /// never through a symlink, and only if it is a regular file of this
    /// center (owned by this account, or by the center's group in its setgid
    /// folder).
    private func open() -> JournalFailure? {
        switch Platform.openSafely(path, access: Platform.readWriteAppend, create: true, mode: 0o660) {
        case .failure(let e):
            return JournalFailure(step: .open, code: e.code, message: e.refused ? "journal \(e)" : "open failed: \(e)")
        case .success(let opened):
            if let e = Platform.checkSharing(opened.fd, path) {
                Platform.close(opened.fd)
                return JournalFailure(step: .open, code: e.code, message: "journal \(e)")
            }
            if everOpened { readOffset = 0 }  // a new file: read it all
            everOpened = true
            fd = opened.fd
            if opened.created { Platform.syncDirectory(of: path) }
            Log.journal.debug("\(Log.shown(path)): \(opened.created ? "created" : "opened")")
            return nil
        }
    }

    /// Bytes after the last newline can only be a writer that died mid-write
    /// (writers hold this lock until their batch is whole or cut back), so
    /// under the exclusive lock they are ended with a newline: one bad line
    /// (or, if only the newline was missing, a whole record) that every
    /// reader meets at the same place. Nothing is cut or moved: readers that
    /// take no lock may have read into those bytes already.
    private func terminateTornTail(_ size: inout Int64) -> JournalFailure? {
        guard size > 0 else { return nil }
        var last: UInt8 = 0
        guard Platform.read(fd, into: &last, count: 1, at: size - 1) == 1 else { return failure(.repair, Platform.errnoValue) }
        if last == UInt8(ascii: "\n") { return nil }
        let n = [UInt8(ascii: "\n")].withUnsafeBytes { Platform.writeOnce(fd, $0) }
        guard n == 1, Platform.dataSync(fd) else { return failure(.repair, Platform.errnoValue) }
        Log.journal.debug("\(Log.shown(path)): repaired a torn last line (a writer died mid-write) at byte \(size)")
        size += 1
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
        if record.kind == .task, let (prefix, n) = TaskNumbering.split(record.id) {
            highestTask[prefix] = max(highestTask[prefix] ?? 0, n)
        }
        let key = JournalKey(kind: record.kind, id: record.id)
        if let held = index[key], held.snapshot.exactTs >= record.snapshot.exactTs { return }
        index[key] = record
    }

    // MARK: - Task-id state

    /// The counters of `<path>.ids` (missing: none yet). Read without
    /// following a symlink, and only from a regular file of this center.
    private func loadIDState() -> Result<[String: Int], JournalFailure> {
        let statePath = idStatePath
        switch Platform.openSafely(statePath, access: Platform.readOnly, create: false) {
        case .failure(let e) where e.code == Platform.errnoNoEntry:
            return .success([:])
        case .failure(let e):
            return .failure(JournalFailure(step: .ids, code: e.code, message: "task ids failed: \(e)"))
        case .success(let opened):
            defer { Platform.close(opened.fd) }
            if let e = Platform.checkSharing(opened.fd, statePath) {
                return .failure(JournalFailure(step: .ids, code: e.code, message: "task ids failed: \(e)"))
            }
            guard let size = Platform.stat(fd: opened.fd)?.size, size <= 1 << 20 else {
                return .failure(JournalFailure(step: .ids, code: 0, message: "task ids failed: \(statePath): unreadable or too large"))
            }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            let n = bytes.withUnsafeMutableBytes { Platform.read(opened.fd, into: $0.baseAddress!, count: $0.count, at: 0) }
            guard n == bytes.count else { return .failure(failure(.ids, Platform.errnoValue)) }
            return .success(TaskIDState.parse(bytes))
        }
    }

    /// Replaces `<path>.ids` with `counters`: a new file (O_EXCL) at a
    /// temporary name, fsynced, renamed into place, the folder fsynced.
    private func saveIDState(_ counters: [String: Int]) -> JournalFailure? {
        guard let e = Platform.replaceAtomically(idStatePath, with: TaskIDState.format(counters), mode: 0o660) else { return nil }
        return JournalFailure(step: .ids, code: e.code, message: "task ids failed: \(e)")
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
