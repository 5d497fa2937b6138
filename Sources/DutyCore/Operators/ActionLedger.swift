/// Where an operator action's records become durable and shared with the
/// other consoles: the seam between the commit protocol (`ActionDesk`,
/// `JournaledAction`) and the storage. `OperatorJournal` is the file one
/// (flock, one write, fdatasync); DutyDB's `DatabaseLedger` the shared
/// database's (one transaction per action). DutyCore holds no database code.
///
/// Every ledger builds under one exclusive lock: `append(building:)` reads
/// what other consoles wrote since this ledger last read, hands it to the
/// builder in a `JournalView` (with the item's latest record and the next
/// numbers), and writes the builder's records at once, or nothing.
public protocol ActionLedger: AnyObject {
    /// This console's id, written into every record as `"console":"…"`.
    var console: String { get }
    /// Where documents' Markdown copies (`notices/`) and handovers go: the
    /// journal's own folder for files; given explicitly for the database.
    var documentsFolder: String { get }
    /// Who acts, as the ledger itself knows them (the database role), which
    /// then overrides any `--operator`; nil when the ledger does not identify
    /// operators (files: the login name or `--operator`).
    var operatorIdentity: String? { get }
    /// The failure that blocks appends until `retry()`, if any (the file
    /// journal after a failed write; never the database, which refuses each
    /// action while offline and simply tries again on the next).
    var blocked: JournalFailure? { get }

    /// At start: a ledger already known to be unusable, said before the
    /// operator acts; nil when it is usable or cannot be known yet.
    func preflight() -> JournalFailure?
    /// The operator has seen the failure and wants to act again: lift the block.
    func retry()
    /// Reads what other consoles wrote since the last read, writing nothing.
    func poll() -> Result<(records: [Record], badLines: [JournalBadLine]), JournalFailure>
    /// Writes the records `build` makes under the ledger's lock, as one batch,
    /// or nothing if it refuses (see `OperatorJournal.append(building:)`).
    func append(building build: (JournalView) -> Result<[Record], JournalRefusal>) -> JournalResult
    /// The records consoles wrote through this ledger (every console's),
    /// from `since` on where the ledger can tell: what a handover lists of
    /// the outgoing operator's actions. Empty when they cannot be read.
    func actionRecords(since: Millis) -> [Record]
}

/// What a ledger answers under its lock, behind `JournalView`.
public protocol JournalViewSource {
    /// The latest snapshot of an item (by ts; ties keep the first).
    func latest(_ kind: Kind, id: String) -> Record?
    /// A task id for the local date of `now` no console has taken, above `above`.
    func nextTaskID(now: Millis, above: Int) -> String
    /// The next number of a document series (`type`, `year`) no console has
    /// taken, above `above` (the store's highest of the series).
    func nextNoticeNumber(_ type: NoticeType, year: Int, above: Int) -> Int
}
