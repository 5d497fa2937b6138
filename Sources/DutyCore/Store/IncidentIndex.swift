import Synchronization

/// Tasks by the event they serve and alerts by their ref, kept beside one
/// store and brought up to date at each lookup with the items that arrived
/// since (a store only ever adds items, at the next index). A plain scan of
/// every task's and alert's current snapshot costs a few cache misses per
/// item, about 9 ms over 1,000,000 records (40,000 tasks, 17,000 alerts):
/// too slow for every key press. Here that scan happens once, at the first
/// lookup, filing each item as (hash of the id it names, item) in a sorted
/// array: no String and no allocation per item; later lookups are a binary
/// search plus the new items. The ingest pays nothing.
///
/// Each item is filed under its event or ref as it is when first seen here;
/// a lookup checks every candidate against its current snapshot (which also
/// settles hash collisions), so a task is never shown under an event it no
/// longer names. A task or alert whose later snapshot names another event
/// or ref (no system writes that) is not found under the new one until the
/// console restarts.
final class IncidentIndex: @unchecked Sendable {
    // @unchecked Sendable: used only under `IncidentIndex.last`'s lock.
    private weak var store: Store?
    private var tasksByEvent = HashedItems()
    private var alertsByRef = HashedItems()
    private var tasksSeen = 0
    private var alertsSeen = 0

    private init(_ store: Store) { self.store = store }

    /// The index of the store last looked up in (one: the console shows one store).
    private static let last = Mutex<IncidentIndex?>(nil)

    /// Runs `body` with the store's index, up to date, under the lock.
    static func with<R>(_ store: Store, _ body: (IncidentIndex) -> R) -> R {
        last.withLock { slot in
            let index = slot.flatMap { $0.store === store ? $0 : nil } ?? IncidentIndex(store)
            index.catchUp(store)
            slot = index
            return body(index)
        }
    }

    private func catchUp(_ store: Store) {
        let texts = store.texts
        let tasks = store.count(.task)
        if tasksSeen < tasks {
            let new = (tasksSeen..<tasks).compactMap { i -> (UInt64, Int32)? in
                let sym = store.current(.task, Int32(i)).task.event
                return sym.isNone ? nil : (texts.withBytes(sym) { ByteHash.hash($0) }, Int32(i))
            }
            tasksByEvent.add(new)
            tasksSeen = tasks
        }
        let alerts = store.count(.alert)
        if alertsSeen < alerts {
            let new = (alertsSeen..<alerts).compactMap { i -> (UInt64, Int32)? in
                let sym = store.current(.alert, Int32(i)).alert.ref
                return sym.isNone ? nil : (texts.withBytes(sym) { ByteHash.hash($0) }, Int32(i))
            }
            alertsByRef.add(new)
            alertsSeen = alerts
        }
    }

    /// Tasks whose current `event` is `eventID`.
    func tasks(serving eventID: String, _ store: Store) -> [Int32] {
        tasksByEvent.items(Self.hash(eventID)).filter { store.texts.optionalText(store.current(.task, $0).task.event) == eventID }
    }

    /// Alerts whose current `ref` is `ref`.
    func alerts(naming ref: String, _ store: Store) -> [Int32] {
        alertsByRef.items(Self.hash(ref)).filter { store.texts.optionalText(store.current(.alert, $0).alert.ref) == ref }
    }

    private static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { ByteHash.hash(UnsafeRawBufferPointer($0)) }
    }
}

/// (hash, item) pairs sorted by hash: every item filed under a hash, found
/// by binary search.
struct HashedItems {
    private var hashes: [UInt64] = []
    private var items: [Int32] = []

    /// Files new pairs: sorted in with the rest (all at once when many).
    mutating func add(_ new: [(UInt64, Int32)]) {
        guard !new.isEmpty else { return }
        if new.count > 64 {
            let all = (zip(hashes, items).map { ($0, $1) } + new).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            hashes = all.map(\.0); items = all.map(\.1)
            return
        }
        for (h, item) in new {
            let at = bound(h, after: true)
            hashes.insert(h, at: at); items.insert(item, at: at)
        }
    }

    /// The items filed under `hash`, in the order filed.
    func items(_ hash: UInt64) -> [Int32] {
        var i = bound(hash, after: false)
        var out: [Int32] = []
        while i < hashes.count, hashes[i] == hash { out.append(items[i]); i += 1 }
        return out
    }

    /// The first position whose hash is not below `hash` (above it, `after`).
    private func bound(_ hash: UInt64, after: Bool) -> Int {
        var lo = 0, hi = hashes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hashes[mid] < hash || (after && hashes[mid] == hash) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
