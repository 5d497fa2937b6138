/// What the builder sees, under the ledger's lock: the records other
/// consoles wrote since this ledger last read, the latest snapshot of an
/// item, and the next numbers. The closure may ingest `newRecords` into the
/// caller's store and consult that instead; either is current, as nobody can
/// write while the lock is held.
public struct JournalView {
    /// Records read since the last read, in the ledger's order.
    public let newRecords: [Record]
    let source: any JournalViewSource

    public init(newRecords: [Record], source: any JournalViewSource) {
        self.newRecords = newRecords
        self.source = source
    }

    /// The latest snapshot (by ts; ties keep the first, as the store does) of
    /// an item among every record the ledger holds (the file journal: every
    /// record it has read or written).
    public func latest(_ kind: Kind, id: String) -> Record? { source.latest(kind, id: id) }

    /// A task id `ZF-YYYYMMDD-NNNN` for the local date of `now` that no
    /// console has issued, above `above` (the caller's highest of the date,
    /// e.g. `TaskNumbering.highest(in: store, now:)` for ids from the feeds).
    /// The file journal counts above its id state file's counter of the date
    /// (every id any console allocated through this journal's path, even in
    /// journals since renamed away) and every id of the date it has read or
    /// written, and records it in the state file before the batch is
    /// written; the database takes it from its counter in the action's
    /// transaction.
    public func nextTaskID(now: Millis, above: Int = 0) -> String { source.nextTaskID(now: now, above: above) }

    /// The next number of the document series `type` of `year`, above
    /// `above` (the store's highest of the series: under the lock the store
    /// has read every document, so the file journal's rule is that + 1; the
    /// database's counter also remembers numbers of documents since lost).
    public func nextNoticeNumber(_ type: NoticeType, year: Int, above: Int = 0) -> Int {
        source.nextNoticeNumber(type, year: year, above: above)
    }
}

/// The file journal's answers: its index of every record read or written,
/// its task-id allocator, and the store's highest document + 1.
struct FileJournalViewSource: JournalViewSource {
    let index: [JournalKey: Record]
    let ids: TaskIDAllocator

    func latest(_ kind: Kind, id: String) -> Record? { index[JournalKey(kind: kind, id: id)] }
    func nextTaskID(now: Millis, above: Int) -> String { ids.next(now: now, above: above) }
    func nextNoticeNumber(_ type: NoticeType, year: Int, above: Int) -> Int { above + 1 }
}

struct JournalKey: Hashable {
    var kind: Kind
    var id: String
}
