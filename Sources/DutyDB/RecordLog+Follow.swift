import DutyCore
import PostgresNIO

/// Lines of the log read after a position, to be handed to a store on the
/// store's own queue (`apply(to:)`); `position` is where the reader stands
/// once they are in.
public struct LogBatch: Sendable {
    /// Record and echo lines in seq order.
    public var lines: [String] = []
    /// Each line's `seq`, in step with `lines`.
    public var seqs: [Int64] = []
    public var quarantined: [QuarantinedLine] = []
    public var position: LogMark
    public init(position: LogMark) { self.position = position }

    public var isEmpty: Bool { lines.isEmpty && quarantined.isEmpty }

    /// Ingests the lines as a file ingest would (duplicates and conflicts
    /// judged by the store), then refuses the quarantined ones. Call it on
    /// the store's queue. Lines at or below `seen` are skipped: a console's
    /// own actions (and what they read under the write lock) reached its
    /// store already, and ingesting them again would count them twice.
    public func apply(to store: Store, skippingThrough seen: Int64 = 0) {
        for (seq, var line) in zip(seqs, lines) where seq > seen {
            line.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "records", lineNumber: 0, offset: 0) }
        }
        for q in quarantined { store.refuse(q) }
    }
}

/// Which of the district's tables the connected role may read: a town's
/// role reads only its records (row-level security), neither the echoes nor
/// the quarantine, and reads what it may.
public struct LogAccess: Sendable, Equatable {
    public var echoes: Bool
    public var quarantine: Bool
    public static let full = LogAccess(echoes: true, quarantine: true)

    public static func of(_ session: DatabaseSession) async throws(DatabaseError) -> LogAccess {
        LogAccess(echoes: try await session.integer("SELECT has_table_privilege('record_echoes', 'SELECT')::int") == 1,
                  quarantine: try await session.integer("SELECT has_table_privilege('quarantine', 'SELECT')::int") == 1)
    }
}

extension RecordLog {
    /// What was committed after `position`: at most `limit` record and echo
    /// lines in seq order, and the quarantine's new lines (a town reads only
    /// its records: the echoes and the quarantine are the district's). A
    /// town's reader still moves past other towns' rows, so its next read
    /// starts after them.
    public static func read(after position: LogMark, town: String?, limit: Int = 10_000, access: LogAccess = .full,
                            _ session: DatabaseSession) async throws(DatabaseError) -> LogBatch {
        var batch = LogBatch(position: position)
        do {
            let c = session.connection, log = session.logger
            if let town {
                let rows = try await c.query("""
                    SELECT seq, CASE WHEN dutydesk_town_sees(\(town), kind, towns) THEN line END FROM records
                    WHERE seq > \(position.records) ORDER BY seq LIMIT \(limit)
                    """, logger: log)
                for try await (seq, line) in rows.decode((Int64, String?).self) {
                    if let line { batch.lines.append(line); batch.seqs.append(seq) }
                    batch.position.records = seq
                }
                return batch
            }
            let rows = try await c.query(access.echoes ? """
                SELECT seq, line FROM (SELECT seq, line FROM records WHERE seq > \(position.records)
                                       UNION ALL SELECT seq, line FROM record_echoes WHERE seq > \(position.records)) AS log
                ORDER BY seq LIMIT \(limit)
                """ : "SELECT seq, line FROM records WHERE seq > \(position.records) ORDER BY seq LIMIT \(limit)", logger: log)
            for try await (seq, line) in rows.decode((Int64, String).self) {
                batch.lines.append(line)
                batch.seqs.append(seq)
                batch.position.records = seq
            }
            guard access.quarantine else { return batch }
            let refused = try await c.query("""
                SELECT seq, file, line, "offset", class, reason FROM quarantine WHERE seq > \(position.quarantine) ORDER BY seq LIMIT \(limit)
                """, logger: log)
            for try await (seq, file, line, offset, kind, reason) in refused.decode((Int64, String, Int64, Int64, String, String).self) {
                let error = FeedError(FeedError.Class(rawValue: kind) ?? .invalidJSON, reason)
                batch.quarantined.append(QuarantinedLine(file: file, line: Int(line), offset: offset, error: error))
                batch.position.quarantine = seq
            }
            return batch
        } catch {
            throw DatabaseError.from(error, url: session.url, doing: "reading the record log")
        }
    }
}
