import DequeModule
import Dispatch

/// The in-memory store: items by kind and id with their timelines, the
/// aggregates over their current states, the quarantine and the clock.
/// Items live in one byte-keyed table per kind (id bytes → the item's
/// latest snapshot and first report time), so an item's index is its entry
/// in that table and no String is made while ingesting. Every snapshot of
/// every item sits in one log (`SnapshotLog`), each linked to the item's
/// previous one in time: no allocation per item, the recent snapshots that
/// updates touch stay close together, and an update writes only new entries
/// (so a copy, a replay checkpoint, shares all the pages already filled).
/// Confined to one queue (the console's); not
/// thread-safe by design, because every read and write happens there and
/// locks would cost the hot path.
// @unchecked Sendable: one queue at a time uses it (checked in debug builds once `confine(to:)` names it).
public final class Store: @unchecked Sendable {
    /// Every text held, interned.
    public let texts: TextTable
    // Every stored var is @exclusivity(unchecked): one queue uses the store
    // and no access to them overlaps another, so the dynamic checks (a fifth
    // of the ingest's instructions, on the fields each line touches) guard nothing.
    @exclusivity(unchecked) public private(set) var parser: FeedParser
    @exclusivity(unchecked) private var items: [ByteKeyTable<Timeline>]
    /// Every snapshot held, in the order ingested, linked per item.
    @exclusivity(unchecked) private var snapshots = SnapshotLog()

    /// An item's timeline: its latest snapshot (the others are linked back
    /// from it) and its earliest ts.
    struct Timeline { var last: Int32; var firstTs: Millis }
    @exclusivity(unchecked) public private(set) var aggregates = Aggregates()

    /// Good records parsed (duplicates and conflicts included).
    @exclusivity(unchecked) public private(set) var records = 0
    @exclusivity(unchecked) public private(set) var duplicates = 0
    @exclusivity(unchecked) public private(set) var conflicts = 0
    /// Lines refused, in all.
    @exclusivity(unchecked) public private(set) var quarantinedTotal = 0
    /// The most recent refused lines (bounded, so a broken feed cannot eat memory).
    @exclusivity(unchecked) public private(set) var quarantine = Deque<QuarantinedLine>()
    public static let quarantineLimit = 10_000
    /// The latest ts ingested: "now" for stats and replay.
    @exclusivity(unchecked) public private(set) var latestTs: Millis = .min

    /// Read for every row a frame draws (`now`), hence unchecked too.
    @exclusivity(unchecked) public var clock: Clock

    /// A change made to the store from outside its feeds: a record built in
    /// code (an operator's action, a rule's alert) or a line refused by hand.
    public enum OutsideChange: Sendable {
        case applied(Record)
        case refused(QuarantinedLine)
    }
    /// Told of each outside change, after it is made. Why: a replay's played
    /// store is its checkpoints' source (`Recording`), and a seek back must
    /// bring back what the operator did and the rules raised before the time
    /// sought, not only the recording's records. Not carried by `copy()`.
    @exclusivity(unchecked) public var onOutsideChange: ((OutsideChange) -> Void)?

    /// The queue the owner confined the store to, if any (see `confine(to:)`).
    private let confinement = QueueConfinement()

    public init(clock: Clock = .eventTime) {
        self.clock = clock
        let texts = TextTable()
        self.texts = texts
        parser = FeedParser(texts: texts)
        items = Kind.allCases.map { _ in ByteKeyTable<Timeline>(capacity: 1 << 14) }
    }

    private init(copying other: Store) {
        clock = other.clock
        texts = other.texts
        parser = other.parser
        items = other.items
        snapshots = other.snapshots
        aggregates = other.aggregates
        records = other.records
        duplicates = other.duplicates
        conflicts = other.conflicts
        quarantinedTotal = other.quarantinedTotal
        quarantine = other.quarantine
        latestTs = other.latestTs
    }

    /// An independent copy (a replay checkpoint). Everything is a value
    /// copied on write, by pages, except the text table, which is shared: it
    /// only ever grows, so symbols held by either copy stay valid. The copy
    /// costs O(pages), not O(records). All copies of one store belong to one
    /// thread together, not one at a time: they share hash slots, which the
    /// copy at the front of their history writes in place (`HashSlots`), and
    /// the text table.
    public func copy() -> Store { Store(copying: self) }

    /// A copy to keep, not to write (a replay checkpoint): `copy()` with the
    /// partly filled tail pages cut to what they hold, so it does not keep
    /// whole pages resident once this store writes on.
    public func checkpointCopy() -> Store {
        let kept = Store(copying: self)
        for k in kept.items.indices { kept.items[k].trimTails() }
        kept.snapshots.trimTail()
        return kept
    }

    /// Confines the store to `queue` (nil: lifts it): from now on, in debug
    /// builds, ingesting or applying from any other queue traps. A copy
    /// starts unconfined (checkpoints are built in the background).
    public func confine(to queue: DispatchQueue?) { confinement.confine(to: queue) }

    /// "Now", according to the clock.
    public var now: Millis {
        switch clock {
        case .wall: Platform.wallClockMillis()
        case .eventTime: latestTs == .min ? Platform.wallClockMillis() : latestTs
        case .fixed(let t): t
        }
    }

    // MARK: - Reading

    /// Items of a kind.
    public func count(_ kind: Kind) -> Int { items[Int(kind.rawValue)].count }

    /// The index of the item with this id, if held.
    public func index(_ kind: Kind, id: String) -> Int32? {
        var id = id
        return id.withUTF8 { items[Int(kind.rawValue)].find(UnsafeRawBufferPointer($0)) }.map { Int32($0) }
    }

    public func id(_ kind: Kind, _ index: Int32) -> String { items[Int(kind.rawValue)].key(at: Int(index)) }

    /// The index of the item whose id is these bytes (e.g. a task's `event`
    /// read through `texts.withBytes`), if held: no String made.
    public func index(_ kind: Kind, idBytes: UnsafeRawBufferPointer) -> Int32? {
        items[Int(kind.rawValue)].find(idBytes).map { Int32($0) }
    }

    /// Walks an item's timeline oldest first while `body` returns true: the
    /// period report reads every item's history, and an array per item
    /// (`history`) would be most of its cost.
    public func walkHistory(_ kind: Kind, _ index: Int32, _ body: (CompactSnapshot) -> Bool) {
        let last = items[Int(kind.rawValue)].value(at: Int(index)).last
        snapshots.withTimeline(endingAt: last) { timeline in
            for j in timeline where !body(snapshots[j]) { return }
        }
    }

    /// The timeline of an item, compact (no Strings made).
    public func history(_ kind: Kind, _ index: Int32) -> [CompactSnapshot] {
        let last = items[Int(kind.rawValue)].value(at: Int(index)).last
        return snapshots.withTimeline(endingAt: last) { timeline in timeline.map { snapshots[$0] } }
    }

    /// The current state of an item, compact.
    public func current(_ kind: Kind, _ index: Int32) -> CompactSnapshot {
        snapshots[items[Int(kind.rawValue)].value(at: Int(index)).last]
    }

    /// When an item was first reported (its earliest snapshot's ts).
    public func firstTs(_ kind: Kind, _ index: Int32) -> Millis {
        items[Int(kind.rawValue)].value(at: Int(index)).firstTs
    }

    /// Snapshots held, all items together.
    public var snapshotCount: Int { snapshots.count }

    public func text(_ sym: TextID) -> String { texts.text(sym) }

    /// An item in readable form.
    public func item(_ kind: Kind, at index: Int32) -> Item {
        Item(id: id(kind, index), history: history(kind, index).map { $0.snapshot(texts) })
    }

    public func item(_ kind: Kind, id: String) -> Item? {
        index(kind, id: id).map { item(kind, at: $0) }
    }

    /// Open tasks (not done, not returned) of a unit, by name.
    public func openTaskLoad(unit: String) -> Int {
        texts.find(unit).map { aggregates.openTaskLoad($0) } ?? 0
    }

    // MARK: - Ingesting

    /// Parses one line and applies it, or quarantines it with its position.
    @discardableResult
    public func ingest(line: UnsafeRawBufferPointer, file: String, lineNumber: Int, offset: Int64) -> ApplyResult? {
        confinement.check()
        if let error = parser.scan(line) {
            quarantine(QuarantinedLine(file: file, line: lineNumber, offset: offset, error: error))
            return nil
        }
        // Start fetching the item's slot now; decoding the rest of the line
        // takes about as long as the fetch.
        var hash: UInt64?
        let identity = parser.scannedIdentity(line)
        if let (kind, id) = identity {
            let h = ByteHash.hash(id)
            items[Int(kind.rawValue)].prefetch(hash: h)
            hash = h
        }
        switch parser.decodeScanned(line, kind: identity?.kind) {
        case .success(let snapshot):
            return parser.withIdBytes(line) {
                apply(kind: snapshot.kind, idBytes: $0, snapshot: snapshot, hash: hash ?? ByteHash.hash($0))
            }
        case .failure(let error):
            quarantine(QuarantinedLine(file: file, line: lineNumber, offset: offset, error: error))
            return nil
        }
    }

    /// A line refused as it is read: logged (debug), then recorded. Out of
    /// line, so the ingest's hot function stays small.
    @inline(never)
    private func quarantine(_ q: QuarantinedLine) {
        Log.feed.debug("quarantined \(Log.shown(q.description))")
        refuse(q)
    }

    /// Records a refused line (not logged: also used to carry a recording's
    /// refused lines into every store rebuilt from it).
    public func refuse(_ q: QuarantinedLine) {
        confinement.check()
        quarantinedTotal += 1
        if quarantine.count == Self.quarantineLimit { quarantine.removeFirst() }
        quarantine.append(q)
        onOutsideChange?(.refused(q))
    }

    /// Applies a record built in code (generator, operator actions).
    @discardableResult
    public func apply(_ record: Record) -> ApplyResult {
        confinement.check()
        var id = record.id
        let compact = CompactSnapshot(record.snapshot, texts: texts)
        let result = id.withUTF8 { apply(kind: record.kind, idBytes: UnsafeRawBufferPointer($0), snapshot: compact) }
        onOutsideChange?(.applied(record))
        return result
    }

    /// Applies one snapshot of the item `kind`/`idBytes` (internal: the
    /// snapshot's symbols must be this store's).
    @discardableResult
    func apply(kind: Kind, idBytes: UnsafeRawBufferPointer, snapshot s: CompactSnapshot) -> ApplyResult {
        confinement.check()
        return apply(kind: kind, idBytes: idBytes, snapshot: s, hash: ByteHash.hash(idBytes))
    }

    /// Applies a line parsed off the store's thread (`ParallelIngest`): its
    /// snapshot's symbols already mapped to this store's, the id's hash made.
    func applyParsed(kind: Kind, idBytes: UnsafeRawBufferPointer, snapshot s: CompactSnapshot, hash: UInt64) {
        confinement.check()
        _ = apply(kind: kind, idBytes: idBytes, snapshot: s, hash: hash)
    }

    /// Starts fetching the slot of an item about to be applied.
    @inline(__always)
    func prefetchItem(_ kind: Kind, hash: UInt64) { items[Int(kind.rawValue)].prefetch(hash: hash) }

    /// `apply` with the id's hash already made (`ByteHash.hash(idBytes)`).
    private func apply(kind: Kind, idBytes: UnsafeRawBufferPointer, snapshot s: CompactSnapshot, hash: UInt64) -> ApplyResult {
        records += 1
        if s.ts > latestTs { latestTs = s.ts }
        // The kind's table in place for the whole update: one uniqueness
        // check of `items` instead of one per call on the table.
        return items.withUnsafeMutableBufferPointer { tables in
            apply(table: tables.baseAddress! + Int(kind.rawValue), idBytes: idBytes, snapshot: s, hash: hash)
        }
    }

    @inline(__always)
    private func apply(table: UnsafeMutablePointer<ByteKeyTable<Timeline>>, idBytes: UnsafeRawBufferPointer,
                       snapshot s: CompactSnapshot, hash: UInt64) -> ApplyResult {
        guard let entry = table.pointee.lookup(idBytes, hash: hash) else {
            let j = snapshots.append(s)
            let index = Int32(table.pointee.insert(idBytes, hash: hash, value: Timeline(last: j, firstTs: s.ts)))
            aggregates.apply(s, item: index, firstTs: s.ts, sign: 1)
            aggregates.noteHistory(s)
            return .created
        }
        let index = Int32(entry)
        let timeline = table.pointee.valueInPlace(at: entry)
        let last = snapshots[timeline.last]
        guard s.isLater(than: last) else { return insertOlder(s, table: table, index: index, timeline: timeline) }
        // The common case: a newer snapshot becomes the current state.
        let j = snapshots.append(s, prev: timeline.last)
        table.pointee.modifyValue(at: entry) { $0.last = j }
        aggregates.replace(last, s, item: index, oldFirst: timeline.firstTs, newFirst: timeline.firstTs)
        aggregates.noteHistory(s)
        return .updated
    }

    /// Files a snapshot no newer than the current one: a duplicate, a
    /// conflict, or an out-of-order record for the timeline (histories are
    /// short, so walking the chain back from the latest is cheap).
    private func insertOlder(_ s: CompactSnapshot, table: UnsafeMutablePointer<ByteKeyTable<Timeline>>,
                             index: Int32, timeline: Timeline) -> ApplyResult {
        // The earliest snapshot not older than s (the latest is not).
        var cur = timeline.last
        var prev = snapshots.prev(cur)
        while prev >= 0 && !s.isLater(than: snapshots[prev]) {
            cur = prev
            prev = snapshots.prev(cur)
        }
        let here = snapshots[cur]
        if here.ts == s.ts && here.tsMicros == s.tsMicros {
            if here.sameContent(as: s, texts: texts) { duplicates += 1; return .duplicate }
            conflicts += 1
            return .conflict
        }
        let j = snapshots.append(s, prev: prev)
        snapshots.setPrev(cur, j)
        if prev < 0 {
            // A new first report time moves the item in the time-ordered indexes.
            table.pointee.modifyValue(at: Int(index)) { $0.firstTs = s.ts }
            let current = snapshots[timeline.last]
            aggregates.replace(current, current, item: index, oldFirst: timeline.firstTs, newFirst: s.ts)
        }
        aggregates.noteHistory(s)
        return .historical
    }

    // MARK: - Pane queries (visible rows only)

    /// The open tasks, nearest due first, from `rank`: what the task pane shows.
    public func openTasks(from rank: Int, limit: Int) -> [Item] {
        aggregates.openTasksByDue.entries(from: rank, limit: limit).map { item(.task, at: $0.item) }
    }

    /// Events newest first, from `rank`.
    public func recentEvents(from rank: Int, limit: Int) -> [Item] {
        aggregates.eventsByTime.entries(from: rank, limit: limit, descending: true).map { item(.event, at: $0.item) }
    }

    /// Unresolved alerts, critical first then newest, from `rank`.
    public func activeAlerts(from rank: Int, limit: Int) -> [Item] {
        aggregates.activeAlerts.entries(from: rank, limit: limit, descending: true).map { item(.alert, at: $0.item) }
    }
}

extension Store: LineSink {
    public func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        ingest(line: bytes, file: position.file, lineNumber: position.line, offset: position.offset)
    }

    public func refused(_ line: QuarantinedLine) { quarantine(line) }
}
