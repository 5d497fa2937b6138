import DutyCore
import PostgresNIO

/// Reading the log: what other consoles (and pushes) wrote since this
/// ledger last read, an item's latest record, and the records consoles
/// wrote for a handover. Every line is parsed as the journal's lines are.
extension DatabaseLedger {
    /// The log after `seen`, in seq order — records and the duplicates and
    /// conflicts pushes met (`record_echoes`), as a console loading the log
    /// meets them; only those about `town` for a town's console, as its
    /// follower reads them (`RecordLog.read`, page by page) — parsed; `seen`
    /// moves past them. A line that does not parse is a bad line at its seq
    /// (never expected: the log holds good lines only).
    func readNew() throws -> (records: [Record], bad: [JournalBadLine]) {
        let access = LogAccess(echoes: readsEchoes, quarantine: false), town = town
        var records: [Record] = [], bad: [JournalBadLine] = []
        while true {
            let from = LogMark(records: seen)
            let batch = try statement("reading the record log") { s in
                try await RecordLog.read(after: from, town: town, access: access, s)
            }
            for (seq, line) in zip(batch.seqs, batch.lines) {
                switch parser.parseRecord(line) {
                case .success(let r): records.append(r)
                case .failure(let error): bad.append(JournalBadLine(offset: seq, error: error))
                }
            }
            guard batch.position.records > seen else { return (records, bad) }
            seen = batch.position.records
        }
    }

    /// Reads what was written since the last read, without the lock: every
    /// writer holds it until its commit, so what is visible after `seen` is
    /// whole and in seq order, and nothing appears below it later.
    public func poll() -> Result<(records: [Record], badLines: [JournalBadLine]), JournalFailure> {
        do {
            let (records, bad) = try readNew()
            return .success((records, bad))
        } catch {
            let fault = error as? LedgerFault ?? .from(error, url: url, doing: "reading the record log", timedOut: false)
            return .failure(fault.nature == .offline ? .offline(fault.detail)
                                                     : JournalFailure(step: .read, code: 0, message: fault.detail))
        }
    }

    /// The item's latest snapshot in the log (one per instant: no ties).
    func latestRecord(_ kind: Kind, id: String) throws -> Record? {
        let wire = kind.wire
        let line: String? = try statement("reading an item's latest record") { (s: DatabaseSession) async throws -> String? in
            let rows = try await s.connection.query("""
                SELECT line FROM records WHERE kind = \(wire) AND id = \(id) ORDER BY ts_exact DESC LIMIT 1
                """, logger: s.logger)
            for try await line in rows.decode(String.self) { return line }
            return nil
        }
        return line.flatMap { try? parser.parseRecord($0).get() }
    }

    /// The records consoles wrote (`console` set) from `since` on, in seq
    /// order: the handover's list of the outgoing operator's actions.
    /// Empty when the database cannot be read.
    public func actionRecords(since: Millis) -> [Record] {
        let from = Int64(since) * 1000
        let lines = (try? statement("reading the consoles' records") { (s: DatabaseSession) async throws -> [String] in
            let rows = try await s.connection.query("""
                SELECT line FROM records WHERE console IS NOT NULL AND ts_exact >= \(from) ORDER BY seq
                """, logger: s.logger)
            var out: [String] = []
            for try await line in rows.decode(String.self) { out.append(line) }
            return out
        }) ?? []
        return lines.compactMap { try? parser.parseRecord($0).get() }
    }
}
