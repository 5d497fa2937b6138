import DutyCore

/// Which items a pane lists, in its order, read from the store's indexes:
/// only the visible window is fetched, so a frame costs the same over ten
/// records or ten million. Two exceptions are evaluated once and cached
/// until the store (or the filter, or for `overdue` the clock) changes: a
/// filter, over the pane's index; and the task pane's returned tasks
/// awaiting re-dispatch (`ReturnedTasks`), listed above the open tasks so a
/// task the unit gave back stays in sight until the center decides again.
public final class PaneRows {
    private struct CacheKey: Equatable { var pane: Pane; var filter: String; var records: Int; var quarantined: Int; var now: Millis }
    private var cache: [Pane: (key: CacheKey, items: [Int32])] = [:]
    private var returned: (records: Int, items: [Int32])?
    private var documents: (records: Int, items: [Int32])?

    /// The documents tab's rows: issued ones first, newest first (cached per store change).
    func documentRows(_ store: Store) -> [Int32] {
        if let d = documents, d.records == store.records { return d.items }
        let items = DocumentOrder.rows(store)
        documents = (store.records, items)
        return items
    }

    public init() {}

    /// The kind of item a pane lists (the mediation pane lists its open
    /// cases under the tier bars).
    public static func kind(of pane: Pane) -> Kind? {
        switch pane {
        case .events: .event
        case .tasks: .task
        case .alerts: .alert
        case .mediation: .mediation
        case .documents: .notice
        }
    }

    /// The pane that lists a kind of item.
    public static func pane(of kind: Kind) -> Pane {
        switch kind {
        case .event: .events
        case .task: .tasks
        case .mediation: .mediation
        case .alert: .alerts
        case .notice: .documents
        }
    }

    /// The pane's index in display order.
    static func index(_ pane: Pane, _ store: Store) -> (SortedIndex, descending: Bool)? {
        switch pane {
        case .events: (store.aggregates.eventsByTime, true)
        case .tasks: (store.aggregates.openTasksByDue, false)
        case .alerts: (store.aggregates.activeAlerts, true)
        case .mediation: (store.aggregates.openCasesByTime, true)
        case .documents: nil   // a short list, ordered by `DocumentOrder`
        }
    }

    /// Returned tasks awaiting re-dispatch, the task pane's first rows.
    func returnedTasks(_ store: Store) -> [Int32] {
        if let r = returned, r.records == store.records { return r.items }
        let items = ReturnedTasks.awaiting(store)
        returned = (store.records, items)
        return items
    }

    /// Rows above the pane's index (returned tasks in the task pane).
    private func head(_ pane: Pane, _ store: Store) -> [Int32] {
        pane == .tasks ? returnedTasks(store) : pane == .documents ? documentRows(store) : []
    }

    /// Rows in the pane (after the filter).
    public func count(_ pane: Pane, store: Store, filter: PaneFilter?) -> Int {
        if let filter, !filter.isEmpty { return filtered(pane, store, filter).count }
        return head(pane, store).count + (Self.index(pane, store)?.0.count ?? 0)
    }

    /// Item indexes of rows [from, from + limit).
    public func items(_ pane: Pane, store: Store, filter: PaneFilter?, from: Int, limit: Int) -> [Int32] {
        if pane == .documents, filter?.isEmpty ?? true, limit > 0 {
            let all = documentRows(store)
            guard from < all.count else { return [] }
            return Array(all[max(0, from)..<min(all.count, from + limit)])
        }
        guard let (index, descending) = Self.index(pane, store) ?? (pane == .documents ? (SortedIndex(), false) : nil),
              limit > 0 else { return [] }
        if let filter, !filter.isEmpty {
            let all = filtered(pane, store, filter)
            guard from < all.count else { return [] }
            return Array(all[max(0, from)..<min(all.count, from + limit)])
        }
        let head = head(pane, store)
        let start = max(0, from)
        var out = start < head.count ? Array(head[start..<min(head.count, start + limit)]) : []
        if out.count < limit {
            out += index.entries(from: max(0, start - head.count), limit: limit - out.count, descending: descending).map(\.item)
        }
        return out
    }

    /// The row an item is on now (nil when it has left the pane): how the
    /// selection stays on the same item while new rows arrive above it.
    public func row(of item: Int32, _ pane: Pane, store: Store, filter: PaneFilter?) -> Int? {
        if pane == .documents, filter?.isEmpty ?? true { return documentRows(store).firstIndex(of: item) }
        guard let (index, descending) = Self.index(pane, store), let kind = Self.kind(of: pane),
              Int(item) < store.count(kind) else { return nil }
        if let filter, !filter.isEmpty { return filtered(pane, store, filter).firstIndex(of: item) }
        let head = head(pane, store)
        if let r = head.firstIndex(of: item) { return r }
        let key: Int64
        switch pane {
        case .events, .mediation: key = IndexKey.byFirstReport(store.firstTs(kind, item))
        case .tasks: key = IndexKey.task(store.current(kind, item))
        case .alerts: key = IndexKey.alert(store.current(kind, item), firstTs: store.firstTs(kind, item))
        case .documents: return nil
        }
        guard let rank = index.rank(of: IndexEntry(key: key, item: item)) else { return nil }
        return head.count + (descending ? index.count - 1 - rank : rank)
    }

    private func filtered(_ pane: Pane, _ store: Store, _ filter: PaneFilter) -> [Int32] {
        let now = filter.dependsOnTime ? store.now : 0
        let key = CacheKey(pane: pane, filter: filter.text, records: store.records, quarantined: store.quarantinedTotal, now: now)
        if let hit = cache[pane], hit.key == key { return hit.items }
        guard let (index, descending) = Self.index(pane, store) ?? (pane == .documents ? (SortedIndex(), false) : nil),
              let kind = Self.kind(of: pane) else { return [] }
        let entries = head(pane, store) + index.entries(from: 0, limit: index.count, descending: descending).map(\.item)
        let storeNow = store.now
        let items = entries.filter { i in
            filter.matches(store.current(kind, i), id: store.id(kind, i), texts: store.texts, now: storeNow)
        }
        cache[pane] = (key, items)
        return items
    }
}
