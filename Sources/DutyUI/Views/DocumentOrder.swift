import DutyCore

/// The order of the documents tab: those still awaiting a reply (已印发)
/// first, then the rest; newest issued first within each. A district issues
/// a few dozen documents a year, so sorting them all on a store change costs
/// nothing and needs no index of its own.
enum DocumentOrder {
    static func rows(_ store: Store) -> [Int32] {
        let n = store.count(.notice)
        guard n > 0 else { return [] }
        let items = (0..<Int32(n)).map { i in
            (item: i, open: store.current(.notice, i).noticeStatus == .issued, first: store.firstTs(.notice, i))
        }
        return items.sorted {
            if $0.open != $1.open { return $0.open }
            if $0.first != $1.first { return $0.first > $1.first }
            return $0.item > $1.item
        }.map(\.item)
    }
}
