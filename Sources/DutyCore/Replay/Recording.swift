/// A recording loaded once and played in event-time order: the source behind
/// `dutydesk replay` and `dutydesk record`.
///
/// Why it keeps raw lines rather than parsed items: a replay must be faithful
/// (the state at any time equals `stats` of the same files), and the surest way
/// is to hand the store the very bytes it would have ingested live, through
/// `Store.ingest`, so the one parser and the one `apply` decide everything.
/// The bytes stay in the files (kept open, `RecordingFiles`): each record
/// keeps its ts and where its line is, and is read back when fed
/// (`RecordingReader`, a pread per block). Records are in (ts, arrival)
/// order (`RecordingOrder`): among records of the same ts the file order
/// stays, so for a conflict "the first one kept" is the same one `stats` keeps.
///
/// Seeking back is a `rebuild`: a copy of the nearest checkpoint (copies of
/// the played store saved as it was fed, `PlayedHistory`, sharing every page
/// with it and with each other) fed forward, or a fresh store fed from the
/// start. Refused lines have no ts, so they are refused into every rebuilt
/// store first, so that its quarantine counts match `stats`.
///
/// Not thread-safe: confined to one queue, like the store it feeds.
// @unchecked Sendable: entries are immutable after init; position, history and the played store stay on one queue.
public final class Recording: @unchecked Sendable {
    /// One kept record: its ts and where its line is (24 bytes).
    struct Entry {
        var ts: Millis
        /// The file's number (`RecordingFiles`) above `offsetBits`, the
        /// line's byte offset in it below.
        var location: UInt64
        var length: Int32
        /// The microseconds within `ts`'s millisecond: two records of one
        /// millisecond still play in time order.
        var micros: UInt16 = 0

        static let offsetBits: UInt64 = 40
        /// Files up to 1 TiB, up to 16 M of them.
        static let maxOffset = Int64(1) << offsetBits
        static let maxFiles = 1 << (64 - offsetBits)

        var file: Int { Int(location >> Self.offsetBits) }
        var offset: Int64 { Int64(location & (UInt64(Self.maxOffset) - 1)) }
    }

    let files: RecordingFiles
    /// Kept records, sorted by (ts to the microsecond, arrival), cut to `from`…`to`.
    private(set) var entries: [Entry] = []

    /// Lines refused while loading (bad JSON, bad fields, too long), in file order.
    public private(set) var quarantined: [QuarantinedLine] = []
    /// Paths that could not be read (missing, unreadable), one message each.
    public private(set) var problems: [String] = []
    /// Records fed so far (into the store of `feed`, or by `rebuild`).
    public private(set) var position = 0

    /// Loads `paths` (files, or directories of `*.jsonl`) once, keeping the
    /// records with `from` ≤ ts ≤ `to` (either bound may be nil).
    /// `checkpointEvery`: records between two checkpoints (`Int.max`: none,
    /// every seek back rebuilds from the start).
    public init(paths: [String], from: Millis? = nil, to: Millis? = nil, checkpointEvery: Int = Recording.checkpointInterval) {
        every = max(1, checkpointEvery)
        var bytesHint: Int64 = 0
        for path in paths { bytesHint += Platform.stat(path: path).map { $0.isRegular ? $0.size : 0 } ?? 0 }
        // About 270 bytes a line: reserved, not touched, beyond what is used.
        var sink = RecordingLoader(reserving: Int(min(bytesHint / 128, Int64(Int32.max))))
        let tailer = FeedTailer(paths: paths)
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        problems = tailer.oneShotProblems
        quarantined = sink.quarantined
        var kept = sink.entries
        sink.entries = []
        if from != nil || to != nil {
            let lo = from ?? .min, hi = to ?? .max
            kept.removeAll { $0.ts < lo || $0.ts > hi }
        }
        // Only the files a kept record lies in stay open: one of bad lines
        // only, or of records outside from…to, is closed now (it keeps its
        // number, as the loader numbered the files, and is never read).
        var used = [Bool](repeating: false, count: sink.origins.count)
        for e in kept { used[e.file] = true }
        files = RecordingFiles()
        var taken: [Int: (fd: Int32, size: Int64)] = [:]
        for d in tailer.takeDescriptors() {
            if let n = sink.number(device: d.device, inode: d.inode), used[n] { taken[n] = (d.fd, d.bytesRead) } else { Platform.close(d.fd) }
        }
        for (n, origin) in sink.origins.enumerated() {
            guard used[n] else { _ = files.addClosed(path: origin.path); continue }
            // Every file met is still open in the tailer (it lets go of
            // files only on a later poll).
            let file = taken[n] ?? (-1, 0)
            _ = files.add(path: origin.path, fd: file.fd, size: file.size)
        }
        entries = RecordingOrder.sorted(kept)
    }

    /// Lines that could not be read back as loaded (a file truncated or
    /// written over since), one message per file: those files' records are
    /// no longer fed.
    public var readProblems: [String] { files.problems }

    /// Records kept.
    public var count: Int { entries.count }
    /// The ts of the first kept record; nil when none is kept.
    public var startTs: Millis? { entries.first?.ts }
    /// The ts of the last kept record; nil when none is kept.
    public var endTs: Millis? { entries.last?.ts }
    /// The ts of the next record to feed; nil at the end.
    public var nextTs: Millis? { position < entries.count ? entries[position].ts : nil }
    /// True when every record has been fed.
    public var atEnd: Bool { position >= entries.count }

    /// The ts of the record at `index` (sorted order).
    public func ts(at index: Int) -> Millis { entries[index].ts }

    /// The number of records with ts ≤ `t`: the position after feeding up to `t`.
    public func countThrough(_ t: Millis) -> Int {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].ts <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Hands the line of the record at `index` to `body` (valid only during
    /// the call); nil when it cannot be read back as loaded (`readProblems`).
    public func withLine<T>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        try RecordingReader(files: files, entries: entries[index...index]).withLine(entries[index], body)
    }

    /// Feeds the records with ts ≤ `t`, from `position` on, into `store`
    /// (parsed there, as live); returns how many.
    /// The store fed is the played one: checkpoints are copies of it. A
    /// store this recording did not prepare, rebuild or feed before is taken
    /// to hold the records before `position` and nothing else; what was
    /// saved of an earlier played store is dropped.
    @discardableResult
    public func feed(until t: Millis, into store: Store) -> Int {
        if store !== played {
            history = PlayedHistory()
            tracking = false
            adopt(store)
        }
        let end = countThrough(t)
        guard end > position else { return 0 }
        let from = position
        advance(to: end, into: store)
        return end - from
    }

    /// Records between two checkpoints unless told: a seek feeds at most this
    /// many (about 0.1 s), and each checkpoint costs only the pages written
    /// in that stretch.
    public static let checkpointInterval = 100_000
    /// Records between two checkpoints of this recording (`Int.max`: none).
    private let every: Int
    /// The played store's outside changes and the checkpoints taken from it.
    private var history = PlayedHistory()
    /// The store `feed` plays (its outside changes are noted in `history`).
    private weak var played: Store?
    /// True while a rebuild applies noted changes again (not noted twice).
    private var rewriting = false
    /// True once `prepare` made the played store a console's: its outside
    /// changes are part of what it played, noted and brought back by a seek.
    /// Otherwise a seek gives the recording's state alone, and a played
    /// store changed from outside (`tainted`) gives no more checkpoints.
    private var tracking = false
    private var tainted = false

    /// Makes `store` (empty) the one this recording plays from the start, as
    /// a console does: the refused lines go into it first, so its counts
    /// match `stats`, and what is done to it from outside (operator actions,
    /// rule alerts) is part of the play, kept across seeks back.
    public func prepare(_ store: Store) {
        history = PlayedHistory()
        tracking = true
        start(store)
    }

    /// Puts `store` (empty) at the first record: the refused lines go into
    /// it, not noted as changes, and it becomes the played store.
    private func start(_ store: Store) {
        position = 0
        quietly { for q in quarantined { store.refuse(q) } }
        adopt(store)
    }

    /// Runs `body` with the played store's outside changes not noted: they
    /// are the recording's own (refused lines) or noted already (a rebuild).
    private func quietly(_ body: () -> Void) {
        rewriting = true
        body()
        rewriting = false
    }

    /// Listens to `store`'s outside changes (and no longer to the previous
    /// played store's).
    private func adopt(_ store: Store) {
        if let old = played, old !== store { old.onOutsideChange = nil }
        played = store
        tainted = false
        store.onOutsideChange = { [weak self] change in
            guard let self, !self.rewriting else { return }
            if self.tracking { self.history.note(change, at: self.position) } else { self.tainted = true }
        }
    }

    /// Feeds entries up to `end` into the played store, saving a checkpoint
    /// at every multiple of `every` it passes.
    private func advance(to end: Int, into store: Store) {
        while position < end {
            let next = min(end, (position / every + 1) * every)
            ingest(from: position, to: next, into: store)
            position = next
            if next % every == 0 && !tainted { history.checkpoint(store, at: next) }
        }
    }

    /// Ingests entries [from, to) into a store without touching `position`:
    /// read back from the files (a reader per call, with its windows). A
    /// line that cannot be read back as loaded is left out (`readProblems`
    /// says why).
    private func ingest(from: Int, to: Int, into store: Store) {
        guard from < to else { return }
        let reader = RecordingReader(files: files, entries: entries[from..<to])
        for i in from..<to {
            let e = entries[i]
            _ = reader.withLine(e) { line in
                store.ingest(line: line, file: "replay", lineNumber: i + 1, offset: e.offset)
            }
        }
    }

    /// Back to the start: the next `feed` begins at the first record, into
    /// a store of the caller's (`prepare` it), and what was saved of the
    /// played store is dropped.
    public func reset() {
        position = 0
        history = PlayedHistory()
        tracking = false
        played?.onOutsideChange = nil
        played = nil
    }

    /// A store holding the state at `t` as played: every record with ts ≤ `t`
    /// (after the refused lines, so its counts match `stats`), and, for a
    /// console's play (`prepare`), the played store's outside changes of
    /// ts ≤ `t` (operator actions, rule alerts), each at the point of the
    /// feed where it first came. It becomes the played store, `position`
    /// after those records: feeding goes on from there into it (this is how
    /// a seek back works), and the changes and checkpoints after `t` are
    /// dropped.
    public func rebuild(at t: Millis, clock: Clock) -> Store {
        let target = countThrough(t)
        // The nearest checkpoint is copied (pages shared, copied as the new
        // store writes them), so it stays for the next seek. A refused
        // file's records are fed no more, but the checkpoints hold those fed
        // before: once a file is refused, a seek rebuilds from the start, so
        // that it reaches the state a rebuild does.
        let base = files.allReadable() ? history.nearest(target: target, t: t) : nil
        let again = history.rewind(to: base, target: target, t: t)
        let store: Store
        if let base {
            store = base.store.copy()
            position = base.position
            adopt(store)
        } else {
            store = Store(clock: clock)
            start(store)
        }
        store.clock = clock
        for change in again {
            advance(to: change.position, into: store)
            quietly { change.apply(to: store) }
            history.note(change.change, at: position)
        }
        advance(to: target, into: store)
        return store
    }

    /// Writes the kept records' lines, in sorted order, each followed by "\n"
    /// (the recording of `dutydesk record`): written in blocks, not per line.
    /// An input that is also the output is read into memory first (opening
    /// the output empties it). Throws if a line cannot be read back as
    /// loaded: a recording missing records would replay a wrong shift.
    public func write(to path: String) throws {
        if let target = Platform.stat(path: path), target.isRegular {
            for (n, file) in files.files.enumerated() {
                guard let info = Platform.stat(fd: file.fd), info.device == target.device, info.inode == target.inode else { continue }
                if !files.hold(n) { throw RecordingError(path: path, reason: files.problems.last ?? "cannot read it") }
            }
        }
        let writer = try RecordingWriter(path: path, truncate: true)
        let reader = RecordingReader(files: files, entries: entries[...])
        for e in entries {
            if reader.withLine(e, { writer.append(line: $0) }) == nil {
                try? writer.close()
                throw RecordingError(path: path, reason: "incomplete: " + (files.problems.first ?? "a line could not be read back"))
            }
        }
        try writer.close()
    }
}
