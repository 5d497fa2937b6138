/// Returned tasks (退回) still waiting for the center: the unit gave the
/// task back, and its event has not been dispatched again nor closed (its
/// current status is `open`; an event not in the store counts as waiting,
/// since nobody can have acted on it here). They leave the list when the
/// event moves on, so the task pane shows each returned task exactly as long
/// as it asks for a decision.
public enum ReturnedTasks {
    /// Returned tasks awaiting re-dispatch, most recently returned first.
    /// Costs one lookup per returned task held: call it when the store has
    /// changed, not per frame (`PaneRows` caches it by `store.records`).
    public static func awaiting(_ store: Store) -> [Int32] {
        let index = store.aggregates.returnedTasksByDue
        var out: [(ts: Millis, item: Int32)] = []
        for e in index.entries(from: 0, limit: index.count) {
            let task = store.current(.task, e.item)
            let eventID = store.text(task.task.event)
            if let event = store.index(.event, id: eventID), store.current(.event, event).eventStatus != .open { continue }
            out.append((task.ts, e.item))
        }
        out.sort { $0.ts != $1.ts ? $0.ts > $1.ts : $0.item > $1.item }
        return out.map(\.item)
    }
}
