/// One operator action carried out through the ledger (the file journal or
/// the database, `ActionLedger`): the records are decided from the store
/// once before the lock (so that a refusal needs no lock and the items the
/// operator looked at are known), then made again under the ledger's lock
/// from the store brought up to date with what other consoles wrote, with
/// task ids and document numbers allocated there (`ActionNumbers.allocated`
/// from the `JournalView`). Two consoles acting at once therefore never take
/// the same task id or document number, and a refusal names the item that
/// really changed, never a task id one of them only previewed. The store
/// gets the records only once they are durable.
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
        /// The ledger could not be reached (the database offline): nothing
        /// written, nothing blocked; the next action tries again.
        case unavailable(JournalFailure)
    }

    /// `build` makes the action's records from the store as it is; it must
    /// take a new task's id from `numbers(now)` and a new document's number
    /// from `numbers.notice` (a preview from the store before the lock, the
    /// allocated ones under it).
    /// `applied` gets every record (read from the ledger or written) that
    /// gave the store something new, once: what a recording must keep (the
    /// journal's tail will bring the same lines later, as duplicates).
    public static func perform(store: Store, journal: any ActionLedger,
                               applied: (Record) -> Void = { _ in },
                               build: (_ numbers: ActionNumbers) -> ActionResult) -> Outcome {
        func apply(_ r: Record) {
            switch store.apply(r) {
            case .created, .updated, .historical: applied(r)
            case .duplicate, .conflict: break
            }
        }
        let preview: [Record]
        switch build(.preview(store)) {
        case .failure(let refusal): return .refused(refusal)
        case .success(let records): preview = records
        }
        // What the operator saw of each item the action touches; a task or
        // notice the action creates is not watched (its id is only a preview).
        func creates(_ r: Record) -> Bool { (r.kind == .task || r.kind == .notice) && store.index(r.kind, id: r.id) == nil }
        let previewTasks = Set(preview.filter(creates).map { "\($0.kind.rawValue):" + $0.id })
        let watched = preview.filter { !previewTasks.contains("\($0.kind.rawValue):" + $0.id) }
            .map { (kind: $0.kind, id: $0.id, seen: store.item($0.kind, id: $0.id)?.current.exactTs) }

        var ingested = 0
        var actionRefusal: ActionRefusal?
        let result = journal.append { view in
            for r in view.newRecords { apply(r) }
            ingested = view.newRecords.count
            for w in watched {
                guard let now = store.item(w.kind, id: w.id)?.current, now.exactTs != w.seen else { continue }
                return .failure(.changed(view.latest(w.kind, id: w.id) ?? Record(id: w.id, snapshot: now)))
            }
            switch build(.allocated(from: view, store: store)) {
            case .failure(let refusal):
                actionRefusal = refusal
                return .failure(JournalRefusal(refusal.description))
            case .success(let records):
                return .success(OperatorActions.afterLatest(records, in: store))
            }
        }
        // What was read and not yet ingested: all of it when the builder never
        // ran; what a ledger read after it (the database, after a refused
        // commit: the winner's records) otherwise.
        for r in result.read.dropFirst(ingested) { apply(r) }
        switch result.outcome {
        case .written:
            let records = result.written
            for r in records { apply(r) }
            return .written(records)
        case .refused(let refusal):
            return actionRefusal.map { .refused($0) } ?? .conflict(refusal)
        case .failed(let failure): return .failed(failure)
        case .blocked(let failure): return .blocked(failure)
        case .unavailable(let failure): return .unavailable(failure)
        }
    }
}
