/// One operator action carried out through the journal: the records are
/// decided from the store once before the lock (so that a refusal needs no
/// lock and the items the operator looked at are known), then made again
/// under the journal's lock from the store brought up to date with what other
/// consoles appended, with task ids allocated there (`JournalView.nextTaskID`).
/// Two consoles acting at once therefore never take the same task id, and a
/// refusal names the item that really changed, never a task id one of them
/// only previewed. The store gets the records only once they are durable.
public enum JournaledAction {
    public enum Outcome: Equatable, Sendable {
        /// Durable and applied to the store.
        case written([Record])
        /// The action does not apply to the item's state (before the lock, or
        /// under it once what others appended was read).
        case refused(ActionRefusal)
        /// An item the operator acted on changed since they saw it: "E1
        /// already dispatched by 王 at 10:42".
        case conflict(JournalRefusal)
        /// The journal failed now, or is blocked by an earlier failure.
        case failed(JournalFailure)
        case blocked(JournalFailure)
    }

    /// `build` makes the action's records from the store as it is; it must
    /// take a new task's id from `taskID(now)` (a preview from the store
    /// before the lock, the allocated id under it).
    /// `applied` gets every record (read from the journal or written) that
    /// gave the store something new, once: what a recording must keep (the
    /// journal's tail will bring the same lines later, as duplicates).
    public static func perform(store: Store, journal: OperatorJournal,
                               applied: (Record) -> Void = { _ in },
                               build: (_ taskID: (Millis) -> String) -> ActionResult) -> Outcome {
        func apply(_ r: Record) {
            switch store.apply(r) {
            case .created, .updated, .historical: applied(r)
            case .duplicate, .conflict: break
            }
        }
        let preview: [Record]
        switch build({ TaskNumbering.next(in: store, now: $0) }) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let records): preview = records
        }
        // What the operator saw of each item the action touches; a task or
        // notice the action creates is not watched (its id is only a preview).
        func creates(_ r: Record) -> Bool { (r.kind == .task || r.kind == .notice) && store.index(r.kind, id: r.id) == nil }
        let previewTasks = Set(preview.filter(creates).map { "\($0.kind.rawValue):" + $0.id })
        let watched = preview.filter { !previewTasks.contains("\($0.kind.rawValue):" + $0.id) }
            .map { (kind: $0.kind, id: $0.id, seen: store.item($0.kind, id: $0.id)?.current.exactTs) }

        var ingested = false
        var actionRefusal: ActionRefusal?
        let result = journal.append { view in
            for r in view.newRecords { apply(r) }
            ingested = true
            for w in watched {
                guard let now = store.item(w.kind, id: w.id)?.current, now.exactTs != w.seen else { continue }
                return .failure(.changed(view.latest(w.kind, id: w.id) ?? Record(id: w.id, snapshot: now)))
            }
            let built = build { now in view.nextTaskID(now: now, above: TaskNumbering.highest(in: store, now: now)) }
            switch built {
            case .failure(let refusal):
                actionRefusal = refusal
                return .failure(JournalRefusal(refusal.description))
            case .success(let records):
                return .success(OperatorActions.afterLatest(records, in: store))
            }
        }
        if !ingested { for r in result.read { apply(r) } }
        switch result.outcome {
        case .written:
            let records = result.written
            for r in records { apply(r) }
            return .written(records)
        case .refused(let refusal):
            return actionRefusal.map { .refused($0) } ?? .conflict(refusal)
        case .failed(let failure): return .failed(failure)
        case .blocked(let failure): return .blocked(failure)
        }
    }
}
