import DequeModule

/// One item (an event, a task, a case, an alert) and its timeline.
public struct Item: Sendable {
    public let id: String
    /// Every snapshot held, strictly increasing in ts (one per ts: a second
    /// one with the same ts is a duplicate or a conflict and is not stored).
    public internal(set) var history: [Snapshot]
    /// The item's state now: its snapshot with the latest ts.
    public var current: Snapshot { history[history.count - 1] }
    /// When the item was first reported.
    public var firstTs: Millis { history[0].ts }
}

/// What became of one record.
public enum ApplyResult: Sendable, Equatable {
    /// A new item.
    case created
    /// A newer snapshot: the item's current state changed.
    case updated
    /// An older snapshot, filed in the timeline; the current state is unchanged.
    case historical
    /// The same snapshot was already held: counted, not stored.
    case duplicate
    /// Same kind, id and ts as a held snapshot but different content: the first is kept.
    case conflict
}

/// The in-memory store: items by kind and id with their timelines, the
/// aggregates over their current states, the quarantine and the clock.
/// Confined to one queue (the console's); not thread-safe by design, because
/// every read and write happens there and locks would cost the hot path.
public final class Store: @unchecked Sendable {
    public private(set) var parser = FeedParser()
    private var ids: [ByteKeyTable<Int32>] = Kind.allCases.map { _ in ByteKeyTable<Int32>(capacity: 1 << 14) }
    private var itemsByKind: [[Item]] = [[], [], [], []]
    public private(set) var aggregates = Aggregates()

    /// Good records parsed (duplicates and conflicts included).
    public private(set) var records = 0
    public private(set) var duplicates = 0
    public private(set) var conflicts = 0
    /// Lines refused, in all.
    public private(set) var quarantinedTotal = 0
    /// The most recent refused lines (bounded, so a broken feed cannot eat memory).
    public private(set) var quarantine = Deque<QuarantinedLine>()
    public static let quarantineLimit = 10_000
    /// The latest ts ingested: "now" for stats and replay.
    public private(set) var latestTs: Millis = .min

    public var clock: Clock

    public init(clock: Clock = .eventTime) { self.clock = clock }

    /// "Now", according to the clock.
    public var now: Millis {
        switch clock {
        case .wall: Platform.wallClockMillis()
        case .eventTime: latestTs == .min ? Platform.wallClockMillis() : latestTs
        case .fixed(let t): t
        }
    }

    public func items(_ kind: Kind) -> [Item] { itemsByKind[Int(kind.rawValue)] }

    public func item(_ kind: Kind, at index: Int32) -> Item { itemsByKind[Int(kind.rawValue)][Int(index)] }

    public func item(_ kind: Kind, id: String) -> Item? {
        var id = id
        let idx = id.withUTF8 { ids[Int(kind.rawValue)].find(UnsafeRawBufferPointer($0)) }
        return idx.map { itemsByKind[Int(kind.rawValue)][$0] }
    }

    /// Parses one line and applies it, or quarantines it with its position.
    @discardableResult
    public func ingest(line: UnsafeRawBufferPointer, file: String, lineNumber: Int, offset: Int64) -> ApplyResult? {
        switch parser.parse(line) {
        case .success(let snapshot):
            let kind = parser.kind
            return parser.idBytes.withUnsafeBytes { apply(kind: kind, idBytes: $0, snapshot: snapshot) }
        case .failure(let error):
            refuse(QuarantinedLine(file: file, line: lineNumber, offset: offset, error: error))
            return nil
        }
    }

    /// Records a refused line.
    public func refuse(_ q: QuarantinedLine) {
        quarantinedTotal += 1
        if quarantine.count == Self.quarantineLimit { quarantine.removeFirst() }
        quarantine.append(q)
    }

    /// Applies a record built in code (generator, operator actions).
    @discardableResult
    public func apply(_ record: Record) -> ApplyResult {
        var id = record.id
        return id.withUTF8 { apply(kind: record.kind, idBytes: UnsafeRawBufferPointer($0), snapshot: record.snapshot) }
    }

    /// Applies one snapshot of the item `kind`/`idBytes`.
    @discardableResult
    public func apply(kind: Kind, idBytes: UnsafeRawBufferPointer, snapshot s: Snapshot) -> ApplyResult {
        records += 1
        if s.ts > latestTs { latestTs = s.ts }
        let k = Int(kind.rawValue)
        let hash = ByteHash.hash(idBytes)
        guard let entry = ids[k].find(idBytes, hash: hash) else {
            let index = Int32(itemsByKind[k].count)
            ids[k].insert(idBytes, hash: hash, value: index)
            itemsByKind[k].append(Item(id: String(decoding: idBytes, as: UTF8.self), history: [s]))
            aggregates.apply(s, item: index, firstTs: s.ts, sign: 1)
            aggregates.noteHistory(s)
            return .created
        }
        let index = ids[k].value(at: entry)
        let i = Int(index)
        let last = itemsByKind[k][i].history[itemsByKind[k][i].history.count - 1]
        if s.ts > last.ts {
            // The common case: a newer snapshot becomes the current state.
            let first = itemsByKind[k][i].firstTs
            aggregates.apply(last, item: index, firstTs: first, sign: -1)
            itemsByKind[k][i].history.append(s)
            aggregates.apply(s, item: index, firstTs: first, sign: 1)
            aggregates.noteHistory(s)
            return .updated
        }
        return insertOlder(s, kind: k, index: index)
    }

    /// Files a snapshot no newer than the current one: a duplicate, a
    /// conflict, or an out-of-order record for the timeline.
    private func insertOlder(_ s: Snapshot, kind k: Int, index: Int32) -> ApplyResult {
        let i = Int(index)
        let history = itemsByKind[k][i].history
        var lo = 0, hi = history.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if history[mid].ts < s.ts { lo = mid + 1 } else { hi = mid }
        }
        if lo < history.count && history[lo].ts == s.ts {
            if history[lo] == s { duplicates += 1; return .duplicate }
            conflicts += 1
            return .conflict
        }
        let current = history[history.count - 1]
        let oldFirst = history[0].ts
        if lo == 0 {
            // A new first report time moves the item in the time-ordered indexes.
            aggregates.apply(current, item: index, firstTs: oldFirst, sign: -1)
            itemsByKind[k][i].history.insert(s, at: 0)
            aggregates.apply(current, item: index, firstTs: s.ts, sign: 1)
        } else {
            itemsByKind[k][i].history.insert(s, at: lo)
        }
        aggregates.noteHistory(s)
        return .historical
    }

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

/// Where "now" comes from: the wall clock when watching live, the latest
/// ingested ts in stats and replay, or a fixed time (`--at`, tests).
public enum Clock: Sendable, Equatable {
    case wall
    case eventTime
    case fixed(Millis)
}

extension Store: LineSink {
    public func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        ingest(line: bytes, file: position.file, lineNumber: position.line, offset: position.offset)
    }

    public func refused(_ line: QuarantinedLine) { refuse(line) }
}
