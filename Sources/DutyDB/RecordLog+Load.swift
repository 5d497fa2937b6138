import DutyCore
import PostgresNIO

/// How far a reader has read the log: the last record (or echo) `seq` and
/// the last quarantine `seq` it has ingested. A console loads once from
/// `LogMark()` and catches up from the mark it got back.
public struct LogMark: Sendable, Equatable {
    public var records: Int64
    public var quarantine: Int64
    public init(records: Int64 = 0, quarantine: Int64 = 0) { self.records = records; self.quarantine = quarantine }
}

extension RecordLog {
    /// Reads the log into `store` in sequence order — records and the
    /// duplicates and conflicts met among them — then the quarantine, so the
    /// store counts what a file ingest of the same lines counted. From
    /// `mark` on (the whole log by default); returns the mark reached.
    ///
    /// Fast by construction: both tables are read in `seq` order through
    /// their primary keys and merged by the server (a Merge Append, never a
    /// sort of the whole log), and each line goes from the row's bytes
    /// straight into the store, without a String.
    ///
    /// `town`: only the records about it and the district-wide alerts
    /// (`dutydesk_town_sees`, as the row-level policy), without the
    /// echoes and the quarantine, which are the district's. A town's role
    /// reads only its records anyway (row-level security), and neither of
    /// those tables: the load reads what the role may (`LogAccess`).
    @discardableResult
    public static func load(into store: Store, _ session: DatabaseSession, from mark: LogMark = LogMark(),
                            town: String? = nil) async throws(DatabaseError) -> LogMark {
        var reached = mark
        let access = try await LogAccess.of(session)
        let echoes = access.echoes && town == nil, quarantine = access.quarantine && town == nil
        do {
            reached = try await session.connection.withTransaction(logger: session.logger) { c in
                var reached = mark
                // The two tables are each in seq order on their primary key: merging
                // them beats sorting the log (hundreds of MB) whatever the planner guesses.
                // (The UNION ALL must stay a subquery in FROM: only then is it
                // flattened into one append the planner can merge.)
                try await c.query("SET LOCAL enable_sort = off", logger: session.logger)
                let query: PostgresQuery = if let town {
                    "SELECT seq, line FROM records WHERE seq > \(mark.records) AND dutydesk_town_sees(\(town), kind, towns) ORDER BY seq"
                } else if echoes {
                    """
                    SELECT seq, line FROM (SELECT seq, line FROM records UNION ALL SELECT seq, line FROM record_echoes) AS log
                    WHERE seq > \(mark.records) ORDER BY seq
                    """
                } else {
                    "SELECT seq, line FROM records WHERE seq > \(mark.records) ORDER BY seq"
                }
                let rows = try await c.query(query, logger: session.logger)
                for try await row in rows {
                    var cells = row.makeIterator()
                    guard let seqCell = cells.next(), let lineCell = cells.next()?.bytes,
                          let seq = Self.int64(seqCell) else { continue }
                    lineCell.withUnsafeReadableBytes { line in
                        _ = store.ingest(line: line, file: "records", lineNumber: Int(seq), offset: 0)
                    }
                    reached.records = seq
                }
                guard quarantine else { return reached }
                let refused = try await c.query("""
                    SELECT seq, file, line, "offset", class, reason FROM quarantine WHERE seq > \(mark.quarantine) ORDER BY seq
                    """, logger: session.logger)
                for try await (seq, file, line, offset, kind, reason) in refused.decode((Int64, String, Int64, Int64, String, String).self) {
                    let error = FeedError(FeedError.Class(rawValue: kind) ?? .invalidJSON, reason)
                    store.refuse(QuarantinedLine(file: file, line: Int(line), offset: offset, error: error))
                    reached.quarantine = seq
                }
                return reached
            }
        } catch {
            throw DatabaseError.from(error, url: session.url, doing: "reading the record log")
        }
        return reached
    }

    /// A bigint column in binary format (8 bytes, big-endian), or in text.
    static func int64(_ cell: PostgresCell) -> Int64? {
        guard let bytes = cell.bytes else { return nil }
        if cell.format == .binary { return bytes.getInteger(at: bytes.readerIndex, as: Int64.self) }
        return bytes.getString(at: bytes.readerIndex, length: bytes.readableBytes).flatMap { Int64($0) }
    }
}
