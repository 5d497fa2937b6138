/// What the check closure sees, under the lock: the records other consoles
/// appended since this journal last read, and the latest snapshot of every
/// item the journal has seen (its own writes and everyone else's). The
/// closure may ingest `newRecords` into the caller's store and consult that
/// instead; either is current, as nobody can append while the lock is held.
public struct JournalView {
    /// Records read since the last read, in file order.
    public let newRecords: [Record]
    let index: [JournalKey: Record]
    let ids: TaskIDAllocator

    /// The latest snapshot (by ts; ties keep the first, as the store does) of
    /// an item among every record this journal has read or written.
    public func latest(_ kind: Kind, id: String) -> Record? { index[JournalKey(kind: kind, id: id)] }

    /// A task id `ZF-YYYYMMDD-NNNN` for the local date of `now` that no
    /// console has issued: above the id state file's counter of that date
    /// (every id any console allocated through this journal's path, even in
    /// journals since renamed away), above every id of the date this journal
    /// has read or written, and above `above` (the caller's highest of the
    /// date, e.g. `TaskNumbering.highest(in: store, now:)` for ids from the
    /// feeds). Recorded in the state file before the batch is written.
    public func nextTaskID(now: Millis, above: Int = 0) -> String { ids.next(now: now, above: above) }
}

struct JournalKey: Hashable {
    var kind: Kind
    var id: String
}
