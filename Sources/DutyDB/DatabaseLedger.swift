import Dispatch
import DutyCore
import PostgresNIO
import Synchronization

/// Operator actions as database transactions: the `ActionLedger` of consoles
/// sharing one state in PostgreSQL. One transaction per action:
///
///   BEGIN → the one write lock (`pg_advisory_xact_lock`, the same the
///   statement trigger on `records` takes for every writer) → read the log
///   after the last seq this console has seen (the view's new records) →
///   the builder decides under the lock, taking task ids and document
///   numbers from `dutydesk_next_number` → INSERT its records (the journal's
///   lines, `"console":"…"` included) → COMMIT.
///
/// A rollback gives the numbers back, so a refused action leaves no gap. A
/// second open task for one event (`task_state_one_open_per_event`) or a
/// second snapshot of an item at one instant is a unique violation: the
/// action is refused naming the item's latest record (who won, and when).
/// An unreachable database refuses the action at once as 数据库离线
/// (`.unavailable`; connecting waits about 2 s, a kept connection is probed
/// for 1 s, a statement gets 5 s); nothing is
/// queued and nothing blocks: the next action connects again.
///
/// Synchronous to its caller, on one thread (the console's main queue): it
/// owns one connection of its own and bridges with `Blocking.run`. The
/// operator on every record is the database role (`SELECT current_user`).
public final class DatabaseLedger: ActionLedger {
    public let url: DatabaseURL
    public let console: String
    public let documentsFolder: String
    /// A town's console: only the records about it reach its store (nil: the district).
    public let town: String?
    /// The database role: `current_user` once connected, the URL's user before.
    public internal(set) var operatorIdentity: String?
    /// Never blocked: an action the database did not take is refused, and the next one tries again.
    public var blocked: JournalFailure? { nil }
    /// The highest seq of the log (records and their echoes) this ledger has
    /// read or written: the next append's view starts after it.
    public internal(set) var seen: Int64

    static let patienceSeconds = 5
    /// BEGIN on a connection kept since the last action: a dead one is given up quickly.
    static let probeSeconds = 1
    static let connectSeconds: Int64 = 2

    var session: DatabaseSession?
    /// Whether the role may read `record_echoes` (a town's role may not:
    /// it then reads the records alone).
    var readsEchoes = true
    var parser = FeedParser()

    init(url: DatabaseURL, console: String, documentsFolder: String, readFrom: Int64, town: String? = nil) {
        self.url = url
        self.town = town
        self.console = console
        self.documentsFolder = documentsFolder
        self.operatorIdentity = url.user
        self.seen = readFrom
    }

    deinit {
        if let session { Task { await session.close() } }
    }

    /// The ledger of a console (`console`: its id) over the database at
    /// `url`: tries to connect now, to learn the role acting (an offline
    /// database is no error: the first action connects). `readFrom`: the
    /// highest seq the caller has already loaded into its store (0: the
    /// first append reads the whole log). Documents' copies and handovers go
    /// to `documentsFolder`. `town`: the console's `--town`, read as its
    /// follower reads.
    public static func open(url: DatabaseURL, console: String, documentsFolder: String = ".",
                            readFrom: Int64 = 0, town: String? = nil) -> DatabaseLedger {
        let ledger = DatabaseLedger(url: url, console: console, documentsFolder: documentsFolder, readFrom: readFrom, town: town)
        _ = try? ledger.connected()
        return ledger
    }

    /// The caller has ingested the log up to `seq` some other way (a
    /// follower's catch-up): the next view starts after it.
    public func markSeen(_ seq: Int64) { seen = max(seen, seq) }

    /// Nothing to say before the first action: an offline database is
    /// refused action by action, never blocked.
    public func preflight() -> JournalFailure? { nil }

    /// Nothing is ever blocked.
    public func retry() {}

    public func append(building build: (JournalView) -> Result<[Record], JournalRefusal>) -> JournalResult {
        do {
            try begin()
        } catch {
            return ended(error, read: [], bad: [])
        }
        let read: [Record], bad: [JournalBadLine]
        do {
            (read, bad) = try readNew()
        } catch {
            rollback()
            return ended(error, read: [], bad: [])
        }
        let source = DatabaseViewSource(ledger: self)
        let built = build(JournalView(newRecords: read, source: source))
        if let fault = source.fault {
            rollback()
            return ended(fault, read: read, bad: bad)
        }
        switch built {
        case .failure(let refusal):
            rollback()
            return JournalResult(outcome: .refused(refusal), read: read, badLines: bad)
        case .success(let records) where records.isEmpty:
            rollback()
            return JournalResult(outcome: .written(offset: seen, length: 0), read: read, badLines: bad)
        case .success(let records):
            do {
                let seqs = try insert(records)
                do {
                    try execute("committing an action", "COMMIT")
                } catch let fault as LedgerFault where fault.nature == .offline {
                    // Sent, and no answer: written or not, only the server knows.
                    return JournalResult(outcome: .unavailable(.commitUnknown(fault.detail)), read: read, badLines: bad)
                }
                seen = max(seen, seqs.max() ?? seen)
                return JournalResult(outcome: .written(offset: seqs.min() ?? seen, length: records.count),
                                     read: read, badLines: bad, written: records)
            } catch let fault as LedgerFault where fault.isUniqueViolation {
                rollback()
                return lostRace(fault, records: records, read: read, bad: bad)
            } catch {
                rollback()
                return ended(error, read: read, bad: bad)
            }
        }
    }

    // MARK: - The transaction's steps

    /// BEGIN and the write lock. A connection found dead at BEGIN (the
    /// server restarted since the last action) is replaced once.
    func begin() throws {
        let fresh = session == nil
        do {
            try execute("starting an action", "BEGIN", patience: Self.probeSeconds)
        } catch let fault as LedgerFault where fault.nature == .offline && !fresh {
            try execute("starting an action", "BEGIN")
        }
        do {
            try execute("taking the write lock", "SELECT pg_advisory_xact_lock(\(RecordLog.pushLock))")
        } catch {
            rollback()
            throw error
        }
    }

    /// Ends the transaction without writing (numbers taken are given back).
    /// A connection already gone has nothing left to roll back.
    func rollback() {
        guard session != nil else { return }
        try? execute("rolling back", "ROLLBACK")
    }

    /// Inserts the action's records as the journal writes them; their seqs.
    func insert(_ records: [Record]) throws -> [Int64] {
        let kinds = records.map(\.kind.wire), ids = records.map(\.id)
        let exact = records.map(\.snapshot.exactTs), actors = records.map { $0.snapshot.by ?? "" }
        let console = self.console
        let lines = records.map { OperatorJournal.line($0, console: console) }
        return try statement("writing an action's records") { s in
            let rows = try await s.connection.query("""
                INSERT INTO records (kind, id, ts, ts_exact, line, console, actor)
                SELECT k, i, to_timestamp(t / 1000000.0), t, l, \(console), NULLIF(a, '')
                FROM unnest(\(kinds)::text[], \(ids)::text[], \(exact)::bigint[], \(lines)::text[], \(actors)::text[])
                     WITH ORDINALITY AS r(k, i, t, l, a, n)
                ORDER BY n
                RETURNING seq
                """, logger: s.logger)
            var seqs: [Int64] = []
            for try await seq in rows.decode(Int64.self) { seqs.append(seq) }
            return seqs
        }
    }

    /// The outcome of an append that met a fault: offline → `.unavailable`;
    /// any other answer of the server → refused with its words.
    func ended(_ error: any Error, read: [Record], bad: [JournalBadLine]) -> JournalResult {
        let fault = error as? LedgerFault ?? .from(error, url: url, doing: "acting", timedOut: false)
        switch fault.nature {
        case .offline:
            return JournalResult(outcome: .unavailable(.offline(fault.detail)), read: read, badLines: bad)
        case .refused where fault.sqlState == "42501":
            // Row-level security or a grant: a town's role on an item that
            // is not its town's (a district-wide alert it sees but may not ack).
            return JournalResult(outcome: .refused(JournalRefusal(Labels.table["journal.not_permitted"]!)), read: read, badLines: bad)
        case .refused:
            let said = Labels.table["journal.db_refused"]!
            return JournalResult(outcome: .refused(JournalRefusal(Label(said.zh + "：" + fault.detail, said.en + ": " + fault.detail))),
                                 read: read, badLines: bad)
        }
    }

    /// Another console's commit won (a unique violation): refused naming the
    /// item's latest record — the event, for a second open task of it — with
    /// what was written meanwhile read for the store.
    func lostRace(_ fault: LedgerFault, records: [Record], read: [Record], bad: [JournalBadLine]) -> JournalResult {
        var read = read, bad = bad
        if let (more, worse) = try? readNew() { read += more; bad += worse }
        var named: Record?
        if fault.constraint == "task_state_one_open_per_event" {
            let events = records.compactMap { r -> String? in
                if case .task(let t) = r.snapshot.body { return t.event }
                return nil
            }
            named = events.lazy.compactMap { try? self.latestRecord(.event, id: $0) }.first
        } else {
            for r in records {
                if let latest = try? latestRecord(r.kind, id: r.id), latest.snapshot.exactTs >= r.snapshot.exactTs {
                    named = latest
                    break
                }
            }
        }
        let refusal = named.map(JournalRefusal.changed)
            ?? JournalRefusal(Label("已被其他席位抢先操作（\(fault.constraint ?? "")）", "another console acted first (\(fault.constraint ?? ""))"))
        return JournalResult(outcome: .refused(refusal), read: read, badLines: bad)
    }
}
