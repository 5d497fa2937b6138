import Foundation
import PostgresNIO

/// One step of the schema. Steps are only ever appended: a database at
/// version N gets steps N+1… and nothing else, so `db init` on any database
/// of this program (new, old or current) ends at `Schema.latest`.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let statements: [String]
}

/// The shared state's tables, and how a database is brought up to date.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "record log, quarantine, file positions, counters", statements: [
            // Every good record once, in one global order (`seq`): consoles load
            // by streaming it and catch up from the last seq they saw. One
            // snapshot per kind+id+instant, to the microsecond, as the store
            // keeps them (`ts_exact` = epoch ms × 1000 + µs); `ts` is the same
            // instant for SQL. `line` is the record as the feed wrote it.
            """
            CREATE TABLE records (
                seq bigserial PRIMARY KEY,
                kind text NOT NULL,
                id text NOT NULL,
                ts timestamptz NOT NULL,
                ts_exact bigint NOT NULL,
                line text NOT NULL,
                console text,
                actor text,
                source_file text,
                pushed_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT records_one_snapshot UNIQUE (kind, id, ts_exact)
            )
            """,
            // The duplicates and conflicts a push met (same kind+id+ts as a held
            // record; same or different content, compared field by field): not
            // state, but counted as a file ingest counts them, so `stats --db`
            // equals `stats` over the same files. Numbered from the records'
            // sequence, so replaying both in seq order meets them where a file
            // ingest did.
            """
            CREATE TABLE record_echoes (
                seq bigint PRIMARY KEY DEFAULT nextval('records_seq_seq'),
                kind text NOT NULL,
                id text NOT NULL,
                ts_exact bigint NOT NULL,
                verdict text NOT NULL CHECK (verdict IN ('duplicate', 'conflict')),
                line text NOT NULL,
                source_file text,
                pushed_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            // Refused lines: where they were and why (the reason is already
            // sanitised by the parser; the line itself is not kept).
            """
            CREATE TABLE quarantine (
                seq bigserial PRIMARY KEY,
                file text NOT NULL,
                line bigint NOT NULL,
                "offset" bigint NOT NULL,
                class text NOT NULL,
                reason text NOT NULL,
                pushed_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            // How far `push` has read each file, committed with the rows read
            // from it, so a killed push resumes exactly there. A file is its
            // device and inode (a rotation renames it, the position stays
            // its own); `file` is the name it had when last read.
            """
            CREATE TABLE file_positions (
                device numeric(20) NOT NULL,
                inode numeric(20) NOT NULL,
                file text NOT NULL,
                fingerprint text NOT NULL,
                "offset" bigint NOT NULL CHECK ("offset" >= 0),
                line bigint NOT NULL CHECK (line >= 0),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (device, inode)
            )
            """,
            // Gap-free numbers (task and document series): a row updated in the
            // action's own transaction, unlike a sequence, which leaves gaps.
            """
            CREATE TABLE counters (
                name text PRIMARY KEY,
                value bigint NOT NULL CHECK (value >= 0)
            )
            """,
        ]),
        step2,
        Migration(version: 3, name: "town roles and row-level security on records", statements: TownRoles.schemaStatements),
        step4,
        step5,
        step6,
    ]

    /// The version this program's schema ends at.
    public static var latest: Int { migrations.last?.version ?? 0 }

    /// Serialises concurrent `db init`s: a transaction-scoped advisory lock.
    static let migrationLock: Int64 = 0x6475_7479_6465_736B   // "dutydesk"

    /// Brings the database up to `latest` in one transaction: all the missing
    /// steps or none. Returns the version before and after.
    public static func migrate(_ session: DatabaseSession) async throws(DatabaseError) -> (from: Int, to: Int) {
        try await session.transaction(doing: "initialising the schema") { session in
            try await session.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try await session.execute(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """))
            let before = Int(try await session.integer("SELECT max(version) FROM schema_version") ?? 0)
            guard before <= latest else {
                throw DatabaseError("the database's schema is version \(before), newer than this dutydesk knows (\(latest)): use a newer dutydesk")
            }
            let schema = try await session.text("SELECT quote_ident(current_schema())") ?? "public"
            for step in migrations where step.version > before {
                for sql in step.statements {
                    let sql = sql.replacingOccurrences(of: "@SCHEMA@", with: schema)
                    try await session.execute(PostgresQuery(unsafeSQL: sql), doing: "applying schema step \(step.version)")
                }
                try await session.execute("INSERT INTO schema_version (version, name) VALUES (\(step.version), \(step.name))")
            }
            return (before, latest)
        }
    }

    /// The database's schema version; nil when `db init` never ran on it.
    public static func version(_ session: DatabaseSession) async throws(DatabaseError) -> Int? {
        let exists = try await session.integer("SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'schema_version' AND schemaname = current_schema()")
        guard exists == 1 else { return nil }
        return Int(try await session.integer("SELECT max(version) FROM schema_version") ?? 0)
    }
}
