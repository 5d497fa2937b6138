/// A batch of lines parsed away from the store: each good line's snapshot,
/// its names as symbols of the worker's own table and its free texts (notes,
/// details) in an arena of the batch's own, with the hash of its id, so that
/// the store's thread only maps the symbols and applies. The store's
/// `TextTable` is not thread-safe, hence the worker's table; it lives as long
/// as the load (names repeat across batches), while the free texts go with
/// the batch.
///
/// Any line this does not take on (refused, a notice, an escaped id) is
/// marked `serial`: the store's thread ingests it itself, as one thread
/// would, so its quarantine record and every text it interns come out the same.
// @unchecked Sendable: built by one worker, then read by the store's thread only (see `BatchPipeline`).
final class PreparedLines: @unchecked Sendable {
    struct Line {
        var snapshot: CompactSnapshot
        var hash: UInt64
        /// The id's bytes within the line.
        var idStart: Int32
        var idCount: Int32
        /// Left to the store's own parser.
        var serial: Bool
    }

    /// Which worker's table the names are symbols of.
    let worker: Int
    @exclusivity(unchecked) private(set) var lines: [Line] = []
    /// The batch's free texts.
    let free = FreeTextArena()
    /// The names this batch added to the worker's table, in symbol order
    /// from `firstNew`: their bytes end to end, and where each ends.
    let firstNew: UInt32
    @exclusivity(unchecked) private(set) var newBytes: [UInt8] = []
    @exclusivity(unchecked) private(set) var newEnds: [Int] = []

    /// Parses every line of `batch` (on the worker's thread, with its parser).
    init(_ batch: LineBatch, worker: Int, parser: inout FeedParser, names: TextTable) {
        self.worker = worker
        firstNew = UInt32(names.count + 1)
        parser.freeTexts = free
        defer { parser.freeTexts = nil }
        let n = batch.entries.count
        lines.reserveCapacity(n)
        let blank = CompactSnapshot(ts: 0, offsetMinutes: 0, kind: .event, status: 0)
        for i in 0..<n {
            var line = Line(snapshot: blank, hash: 0, idStart: 0, idCount: 0, serial: true)
            if batch.refusal(i) == nil {
                let bytes = batch.line(i)
                if case .success(let s) = parser.parseCompact(bytes), s.kind != .notice {
                    parser.withIdBytes(bytes) { id in
                        // An escaped id is unescaped into the parser's own
                        // buffer, gone with the next line: left to the store.
                        let start = id.baseAddress.map { $0 - bytes.baseAddress! } ?? -1
                        guard start >= 0 && start + id.count <= bytes.count else { return }
                        line = Line(snapshot: s, hash: ByteHash.hash(id), idStart: Int32(start), idCount: Int32(id.count), serial: false)
                    }
                }
            }
            lines.append(line)
        }
        // Every free text went to the arena, so the table's count is its names.
        let last = UInt32(names.count)
        if last >= firstNew {
            for sym in firstNew...last {
                names.withBytes(TextID(raw: sym)) { newBytes.append(contentsOf: $0) }
                newEnds.append(newBytes.count)
            }
        }
    }
}

/// Maps one worker's symbols to the store's, in the order one thread would
/// have interned them (so the store's table gets the same symbols: symbols
/// compare, and order some lists). Lives on the store's thread; learns each
/// worker name's bytes from the batch that added it.
struct TextMap {
    /// Store symbol per worker symbol (0: not interned in the store yet).
    private var map: [UInt32] = [0]
    /// Bytes of every worker name, end to end, and where each ends (by symbol).
    private var bytes: [UInt8] = []
    private var ends: [Int] = [0]

    /// Takes the names a batch added (before mapping its lines).
    mutating func learn(_ p: PreparedLines) {
        precondition(Int(p.firstNew) == map.count, "a worker's batches taken out of order")
        let base = bytes.count
        bytes.append(contentsOf: p.newBytes)
        for end in p.newEnds { ends.append(base + end) }
        map.append(contentsOf: repeatElement(0, count: p.newEnds.count))
    }

    /// The snapshot with the store's symbols, texts taken in the parser's order.
    @inline(__always)
    mutating func map(_ s: CompactSnapshot, free: FreeTextArena, into texts: TextTable) -> CompactSnapshot {
        var s = s
        s.by = map(s.by, free, texts)
        s.note = map(s.note, free, texts)
        if s.kind == .task {
            // The task's decoding order: event, unit, town, reason.
            s.t3 = map(s.t3, free, texts); s.t2 = map(s.t2, free, texts)
            s.t1 = map(s.t1, free, texts); s.t4 = map(s.t4, free, texts)
        } else {
            s.t1 = map(s.t1, free, texts); s.t2 = map(s.t2, free, texts); s.t3 = map(s.t3, free, texts)
            s.t4 = map(s.t4, free, texts); s.t5 = map(s.t5, free, texts); s.t6 = map(s.t6, free, texts)
        }
        return s
    }

    @inline(__always)
    private mutating func map(_ t: TextID, _ free: FreeTextArena, _ texts: TextTable) -> TextID {
        if t.isNone { return t }
        if t.raw & TextTable.freeBit != 0 { return texts.store(free.bytes(t.raw & ~TextTable.freeBit)) }
        let i = Int(t.raw)
        let known = map[i]
        if known != 0 { return TextID(raw: known) }
        let sym = bytes.withUnsafeBytes { texts.intern(UnsafeRawBufferPointer(rebasing: $0[ends[i - 1]..<ends[i]])) }
        map[i] = sym.raw
        return sym
    }
}
