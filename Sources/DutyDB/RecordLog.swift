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

    /// Commits one batch in one transaction: the lines that are not an
    /// echo of an earlier line of the batch are COPYed (from their bytes)
    /// into a staging table and inserted into `records` (`ON CONFLICT DO
    /// NOTHING`: a unique violation would abort a COPY); the ones already
    /// held, and the batch's own echoes, go to `record_echoes`, judged
    /// duplicate or conflict field by field as the store judges them; refused
    /// lines into `quarantine`; and each file's position, with its rows or
    /// not at all.
    public static func commit(_ batch: PushBatch, _ session: DatabaseSession) async throws(DatabaseError) -> PushCounts {
        try await session.transaction(doing: "pushing records") { session in
            let c = session.connection, log = session.logger
            try await c.query("SELECT pg_advisory_xact_lock(\(pushLock))", logger: log)
            var counts = PushCounts()
            let candidates = batch.rows.indices.filter { batch.rows[$0].echo == nil }
            var heldLine: [Int: String] = [:]
            if !candidates.isEmpty {
                if try await copyStraight(batch, candidates, session) {
                    counts.records = candidates.count
                } else {
                    (counts.records, heldLine) = try await insertStaged(batch, candidates, session)
                }
            }
            // The echoes, in reading order: of a held record (judged against
            // it), or of an earlier line of the batch (judged while gathering,
            // unless that line itself met a held record: then against that).
            var echoes: [(n: Int, verdict: PushBatch.Echo)] = []
            var judge = FeedParser()
            for n in batch.rows.indices {
                let row = batch.rows[n]
                if let line = heldLine[n] ?? row.echoOf.flatMap({ heldLine[$0] }) {
                    echoes.append((n, sameContent(line, batch.line(n), parser: &judge) ? .duplicate : .conflict))
                } else if let echo = row.echo {
                    echoes.append((n, echo))
                }
            }
            if !echoes.isEmpty {
                let rows = echoes.map { batch.rows[$0.n] }
                try await c.query("""
                    INSERT INTO record_echoes (kind, id, ts_exact, verdict, line, source_file)
                    SELECT kind, id, ts_exact, verdict, line, source_file
                    FROM unnest(\(rows.map(\.kind))::text[], \(rows.map(\.id))::text[], \(rows.map(\.tsExact))::bigint[],
                                \(echoes.map(\.verdict.rawValue))::text[], \(echoes.map { batch.line($0.n) })::text[],
                                \(rows.map(\.file))::text[])
                         WITH ORDINALITY AS e(kind, id, ts_exact, verdict, line, source_file, o)
                    ORDER BY o
                    """, logger: log)
                for echo in echoes {
                    if echo.verdict == .duplicate { counts.duplicates += 1 } else { counts.conflicts += 1 }
                }
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

    /// Whether two lines of one kind+id+ts hold the same content, field by
    /// field, exactly as the store decides duplicate against conflict
    /// (`CompactSnapshot.sameContent`, the store's own rule).
    static func sameContent(_ a: String, _ b: String, parser: inout FeedParser) -> Bool {
        func parse(_ line: String) -> CompactSnapshot? {
            var line = line
            return line.withUTF8 { try? parser.parseCompact(UnsafeRawBufferPointer($0)).get() }
        }
        guard let x = parse(a), let y = parse(b), let texts = parser.texts else { return false }
        return x.sameContent(as: y, texts: texts)
    }

    static func sameContent(_ a: String, _ b: String) -> Bool {
        var parser = FeedParser()
        return sameContent(a, b, parser: &parser)
    }

    /// A value in COPY's text format: backslash, tab, newline and carriage return escaped.
    static func copyText(_ s: String) -> String { CopyText.escaped(s) }
}
