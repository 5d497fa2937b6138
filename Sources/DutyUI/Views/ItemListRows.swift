import DutyCore

/// The rows of an item list, computed from the store (`HeaderFigure`,
/// `NeedsAction`) and cached until the store or the clock changes, so that
/// moving the selection does not recompute a queue over the whole store.
public final class ItemListRows {
    private struct Key: Equatable { var list: ItemList; var records: Int; var quarantined: Int; var now: Millis }
    private var cached: (key: Key, rows: [ItemListRow])?

    public init() {}

    public func rows(_ list: ItemList, store: Store) -> [ItemListRow] {
        let key = Key(list: list, records: store.records, quarantined: store.quarantinedTotal, now: store.now)
        if let c = cached, c.key == key { return c.rows }
        let rows: [ItemListRow]
        switch list {
        case .figure(.badLines):
            rows = store.quarantine.reversed().map { .badLine($0) }
        case .figure(let f):
            rows = f.items(store, now: store.now).map { .item($0, nil) }
        case .needsAction:
            rows = NeedsAction.entries(store, now: store.now).map { .item($0.ref, $0) }
        }
        cached = (key, rows)
        return rows
    }
}
