import DutyCore
import PostgresNIO

extension RecordLog {
    /// The common case first: the batch's new lines COPYed straight into
    /// `records` under a savepoint. Returns false, with the savepoint rolled
    /// back, when the server refused the COPY — a line whose kind+id+ts is
    /// held already (a unique violation aborts a COPY), a row-level security
    /// the writer is under (COPY FROM is not allowed there), a ts PostgreSQL
    /// cannot hold: the caller then takes the staged way, which decides every
    /// line as before. A connection lost is thrown, not taken for a refusal.
    ///
    /// Why: staging costs the server a second copy of every line (into the
    /// temporary table, then out of it), about a fifth of a push's time in the
    /// server, while a fresh feed's lines almost never meet a held record.
    static func copyStraight(_ batch: PushBatch, _ rows: [Int], _ session: DatabaseSession) async throws -> Bool {
        let c = session.connection, log = session.logger
        try await c.query("SAVEPOINT push_straight", logger: log)
        do {
            try await c.copyFrom(table: "records", columns: ["kind", "id", "ts", "ts_exact", "line", "source_file", "actor", "towns"],
                                 logger: log) { writer in
                try await write(batch, rows, to: writer) { copy, row in
                    copy.text(row.kind); copy.tab()
                    copy.text(row.id); copy.tab()
                    copy.timestamp(exact: row.tsExact); copy.tab()
                    copy.integer(row.tsExact); copy.tab()
                }
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] != nil {
            try await c.query("ROLLBACK TO SAVEPOINT push_straight", logger: log)
            return false
        }
        try await c.query("RELEASE SAVEPOINT push_straight", logger: log)
        return true
    }

    /// The staged way: the lines COPYed into a temporary table, then inserted
    /// in reading order with `ON CONFLICT DO NOTHING`; returns how many were
    /// added, and the held line each skipped one met (to judge it against).
    static func insertStaged(_ batch: PushBatch, _ rows: [Int], _ session: DatabaseSession) async throws -> (added: Int, held: [Int: String]) {
        let c = session.connection, log = session.logger
        try await c.query("""
            CREATE TEMP TABLE IF NOT EXISTS push_rows (
                n integer NOT NULL, kind text NOT NULL, id text NOT NULL, ts_exact bigint NOT NULL,
                line text NOT NULL, source_file text, actor text, towns text[]
            ) ON COMMIT DELETE ROWS
            """, logger: log)
        try await c.copyFrom(table: "push_rows", columns: ["n", "kind", "id", "ts_exact", "line", "source_file", "actor", "towns"],
                             logger: log) { writer in
            try await write(batch, rows, to: writer) { copy, row in
                copy.integer(row.n); copy.tab()
                copy.text(row.kind); copy.tab()
                copy.text(row.id); copy.tab()
                copy.integer(row.tsExact); copy.tab()
            }
        }
        // Inserted first, in reading order: a line whose kind+id+ts is
        // held already is skipped by the unique index, which every row
        // meets anyway; no second look-up per row.
        let added = try await c.query("""
            WITH added AS (
                INSERT INTO records (kind, id, ts, ts_exact, line, actor, source_file, towns)
                SELECT kind, id, to_timestamp(ts_exact::float8 / 1000000), ts_exact, line, actor, source_file, towns
                FROM push_rows ORDER BY n
                ON CONFLICT (kind, id, ts_exact) DO NOTHING
                RETURNING seq
            ) SELECT count(*), min(seq) FROM added
            """, logger: log)
        var count = 0, firstNew: Int64?
        for try await (n, first) in added.decode((Int, Int64?).self) { count = n; firstNew = first }
        var heldLine: [Int: String] = [:]
        if count < rows.count {
            // Some met a held record (one from before this insert: no
            // writer adds records between it and the commit, the insert
            // holds the write lock): its line, to judge them against.
            // Index probes for the batch's rows, never a hash of the log.
            try await c.query("SET LOCAL enable_hashjoin = off", logger: log)
            try await c.query("SET LOCAL enable_mergejoin = off", logger: log)
            let held = try await c.query("""
                SELECT s.n, r.line FROM push_rows s JOIN records r
                  ON r.kind = s.kind AND r.id = s.id AND r.ts_exact = s.ts_exact
                WHERE r.seq < \(firstNew ?? Int64.max)
                """, logger: log)
            for try await (n, line) in held.decode((Int, String).self) { heldLine[n] = line }
        }
        return (count, heldLine)
    }

    /// One row as the COPY sees it: its number in the batch and its fields.
    struct CopyRow {
        var n: Int
        var kind: String
        var id: String
        var tsExact: Int64
    }

    /// Writes `rows` of the batch in COPY's text format, in blocks of about
    /// 1 MiB: `leading` writes each row's first columns, then come its line,
    /// file, actor and towns (the columns both ways end with).
    private static func write(_ batch: PushBatch, _ rows: [Int], to writer: PostgresCopyFromWriter,
                              leading: (inout CopyText, CopyRow) -> Void) async throws {
        var copy = CopyText(capacity: min(batch.text.count + rows.count * 96, 1 << 21))
        for n in rows {
            let row = batch.rows[n]
            leading(&copy, CopyRow(n: n, kind: row.kind, id: row.id, tsExact: row.tsExact))
            batch.withLine(n) { copy.bytes($0) }; copy.tab()
            copy.text(row.file); copy.tab()
            copy.text(row.actor); copy.tab()
            copy.text(row.towns); copy.endRow()
            if copy.buffer.readableBytes >= 1 << 20 {
                try await writer.write(copy.buffer)
                copy.buffer.clear()
            }
        }
        if copy.buffer.readableBytes > 0 { try await writer.write(copy.buffer) }
    }
}
