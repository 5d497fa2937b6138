import DutyCore
import Foundation
import PostgresNIO

/// The database's log of records: what `push` commits into it, and reading
/// it back into a `Store` in sequence order (what `stats --db` and, later,
/// a console's initial load do).
public enum RecordLog {
    /// The one write lock (schema step 2 takes it on every insert into the
    /// log, whatever the client does): serialises writers, so each push
    /// batch's duplicate/conflict verdicts are made against the records
    /// committed before it, and seq order is commit order.
    public static let pushLock: Int64 = 0x6475_7479_7075_7368   // "dutypush"

    /// The positions earlier pushes committed.
    public static func positions(_ session: DatabaseSession) async throws(DatabaseError) -> [FileIdentity: FilePosition] {
        do {
            let rows = try await session.connection.query(
                #"SELECT device::text, inode::text, file, fingerprint, "offset", line FROM file_positions"#, logger: session.logger)
            var out: [FileIdentity: FilePosition] = [:]
            for try await (device, inode, file, fingerprint, offset, line) in rows.decode((String, String, String, String, Int64, Int64).self) {
                guard let d = UInt64(device), let i = UInt64(inode) else { continue }
                out[FileIdentity(device: d, inode: i)] = FilePosition(file: file, fingerprint: fingerprint, offset: offset, line: Int(line))
            }
            return out
        } catch {
            throw DatabaseError.from(error, url: session.url, doing: "reading the pushed positions")
        }
    }

    /// Commits one batch in one transaction: good lines COPYed into a
    /// staging table, then inserted into `records` (`ON CONFLICT DO
    /// NOTHING`: a unique violation would abort a COPY); lines whose kind+id+ts
    /// is already held go to `record_echoes`, judged duplicate or conflict
    /// field by field as the store judges them; refused lines into
    /// `quarantine`; and each file's position, with its rows or not at all.
    public static func commit(_ batch: PushBatch, _ session: DatabaseSession) async throws(DatabaseError) -> PushCounts {
        try await session.transaction(doing: "pushing records") { session in
            let c = session.connection, log = session.logger
            try await c.query("SELECT pg_advisory_xact_lock(\(pushLock))", logger: log)
            try await c.query("""
                CREATE TEMP TABLE IF NOT EXISTS push_staging (
                    n integer PRIMARY KEY, kind text NOT NULL, id text NOT NULL, ts_exact bigint NOT NULL,
                    line text NOT NULL, source_file text, actor text, verdict text
                ) ON COMMIT DELETE ROWS
                """, logger: log)
            var counts = PushCounts()
            if !batch.rows.isEmpty {
                try await c.copyFrom(table: "push_staging", columns: ["n", "kind", "id", "ts_exact", "line", "source_file", "actor"],
                                     logger: log) { writer in
                    var buffer = ByteBuffer()
                    for (n, row) in batch.rows.enumerated() {
                        buffer.writeString("\(n)\t")
                        for field in [row.kind, row.id] { buffer.writeString(copyText(field) + "\t") }
                        buffer.writeString("\(row.tsExact)\t")
                        buffer.writeString(copyText(row.line) + "\t" + copyText(row.file) + "\t" + (row.actor.map(copyText) ?? #"\N"#) + "\n")
                        if buffer.readableBytes > 1 << 20 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
                // Lines meeting a held record: judged against it.
                var first: [Int: String] = [:]
                let held = try await c.query("""
                    SELECT s.n, r.line FROM push_staging s JOIN records r
                      ON r.kind = s.kind AND r.id = s.id AND r.ts_exact = s.ts_exact
                    """, logger: log)
                for try await (n, line) in held.decode((Int, String).self) { first[n] = line }
                // Lines meeting an earlier line of this batch: judged against that one.
                var firstInBatch: [String: String] = [:]
                var echoN: [Int] = [], echoVerdict: [String] = []
                for (n, row) in batch.rows.enumerated() {
                    let key = "\(row.kind)\u{0}\(row.id)\u{0}\(row.tsExact)"
                    guard let earlier = first[n] ?? firstInBatch[key] else {
                        firstInBatch[key] = row.line
                        continue
                    }
                    let same = sameContent(earlier, row.line)
                    echoN.append(n)
                    echoVerdict.append(same ? "duplicate" : "conflict")
                    if same { counts.duplicates += 1 } else { counts.conflicts += 1 }
                }
                if !echoN.isEmpty {
                    try await c.query("""
                        UPDATE push_staging s SET verdict = v.verdict
                        FROM unnest(\(echoN)::integer[], \(echoVerdict)::text[]) AS v(n, verdict) WHERE s.n = v.n
                        """, logger: log)
                }
                let inserted = try await c.query("""
                    WITH added AS (
                        INSERT INTO records (kind, id, ts, ts_exact, line, actor, source_file)
                        SELECT kind, id, to_timestamp(ts_exact / 1000000.0), ts_exact, line, actor, source_file
                        FROM push_staging WHERE verdict IS NULL ORDER BY n
                        ON CONFLICT (kind, id, ts_exact) DO NOTHING
                        RETURNING 1
                    ) SELECT count(*) FROM added
                    """, logger: log)
                for try await n in inserted.decode(Int.self) { counts.records = n }
                try await c.query("""
                    INSERT INTO record_echoes (kind, id, ts_exact, verdict, line, source_file)
                    SELECT kind, id, ts_exact, verdict, line, source_file FROM push_staging WHERE verdict IS NOT NULL ORDER BY n
                    """, logger: log)
            }
            if !batch.quarantined.isEmpty {
                let q = batch.quarantined
                try await c.query("""
                    INSERT INTO quarantine (file, line, "offset", class, reason)
                    SELECT * FROM unnest(\(q.map(\.file))::text[], \(q.map { Int64($0.line) })::bigint[], \(q.map(\.offset))::bigint[],
                                         \(q.map(\.error.errorClass.rawValue))::text[], \(q.map(\.error.message))::text[])
                    """, logger: log)
                counts.quarantined = q.count
            }
            if !batch.positions.isEmpty {
                let p = batch.positions.sorted { $0.value.file < $1.value.file }
                try await c.query("""
                    INSERT INTO file_positions (file, device, inode, fingerprint, "offset", line)
                    SELECT * FROM unnest(\(p.map(\.value.file))::text[], \(p.map { String($0.key.device) })::numeric[],
                                         \(p.map { String($0.key.inode) })::numeric[], \(p.map(\.value.fingerprint))::text[],
                                         \(p.map(\.value.offset))::bigint[], \(p.map { Int64($0.value.line) })::bigint[])
                    ON CONFLICT (device, inode) DO UPDATE SET file = excluded.file,
                        fingerprint = excluded.fingerprint, "offset" = excluded."offset", line = excluded.line, updated_at = now()
                    """, logger: log)
            }
            return counts
        }
    }

    /// Reads the whole log into `store` in sequence order — records and the
    /// duplicates and conflicts met among them — then the quarantine, so the
    /// store counts what a file ingest of the same lines counted.
    public static func load(into store: Store, _ session: DatabaseSession) async throws(DatabaseError) {
        // A town's role reads only its records (row-level security), and
        // neither the echoes nor the quarantine: it loads what it may read.
        let echoes = try await session.integer("SELECT has_table_privilege('record_echoes', 'SELECT')::int") == 1
        let quarantine = try await session.integer("SELECT has_table_privilege('quarantine', 'SELECT')::int") == 1
        do {
            let rows = try await session.connection.query(echoes ? """
                SELECT seq, line FROM (SELECT seq, line FROM records UNION ALL SELECT seq, line FROM record_echoes) AS log ORDER BY seq
                """ : "SELECT seq, line FROM records ORDER BY seq", logger: session.logger)
            for try await (seq, line) in rows.decode((Int64, String).self) {
                var line = line
                line.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "records", lineNumber: Int(seq), offset: 0) }
            }
            guard quarantine else { return }
            let refused = try await session.connection.query(
                #"SELECT file, line, "offset", class, reason FROM quarantine ORDER BY seq"#, logger: session.logger)
            for try await (file, line, offset, kind, reason) in refused.decode((String, Int64, Int64, String, String).self) {
                let error = FeedError(FeedError.Class(rawValue: kind) ?? .invalidJSON, reason)
                store.refuse(QuarantinedLine(file: file, line: Int(line), offset: offset, error: error))
            }
        } catch {
            throw DatabaseError.from(error, url: session.url, doing: "reading the record log")
        }
    }

    /// Whether two lines of one kind+id+ts hold the same content, field by
    /// field, exactly as the store decides duplicate against conflict.
    static func sameContent(_ a: String, _ b: String) -> Bool {
        let store = Store()
        func ingest(_ line: String) -> ApplyResult? {
            var line = line
            return line.withUTF8 { store.ingest(line: UnsafeRawBufferPointer($0), file: "", lineNumber: 0, offset: 0) }
        }
        _ = ingest(a)
        return ingest(b) == .duplicate
    }

    /// A value in COPY's text format: backslash, tab, newline and carriage return escaped.
    static func copyText(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += #"\\"#
            case "\t": out += #"\t"#
            case "\n": out += #"\n"#
            case "\r": out += #"\r"#
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
