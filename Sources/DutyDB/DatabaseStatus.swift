/// What `dutydesk db status` says: the schema's version and each table's rows.
public struct DatabaseStatus: Sendable, Equatable {
    /// nil: the schema was never made (`dutydesk db init`).
    public var version: Int?
    /// Table name → row count, in `tables` order; empty without a schema.
    public var counts: [String: Int64]
    /// The members of the district and town groups (schema step 3 on); for a
    /// town's role, itself. `counts` lacks the tables the role may not read.
    public var roles: [GrantedRole] = []

    public static let tables = ["records", "record_echoes", "quarantine", "file_positions", "counters"]

    public static func read(_ session: DatabaseSession) async throws(DatabaseError) -> DatabaseStatus {
        guard let version = try await Schema.version(session) else { return DatabaseStatus(version: nil, counts: [:]) }
        var counts: [String: Int64] = [:]
        for table in tables {
            // A town's role may not read every table: it is told so, not refused.
            guard try await session.integer(.init(unsafeSQL: "SELECT has_table_privilege('\(table)', 'SELECT')::int")) == 1 else { continue }
            // Table names are this program's constants, never input.
            counts[table] = try await session.integer(.init(unsafeSQL: "SELECT count(*) FROM \(table)"), doing: "counting \(table)") ?? 0
        }
        let roles = version >= 3 ? try await GrantedRole.read(session) : []
        return DatabaseStatus(version: version, counts: counts, roles: roles)
    }

    /// The lines `db status` prints.
    public var lines: [String] {
        guard let version else {
            return ["schema: none (run `dutydesk db init`)"]
        }
        var out = ["schema version \(version)" + (version < Schema.latest ? " (this dutydesk has \(Schema.latest): run `dutydesk db init`)" : "")]
        for table in Self.tables { out.append("\(table) " + (counts[table].map { "\($0)" } ?? "(no access)")) }
        if version >= 3 {
            out += roles.isEmpty ? ["roles: none granted (`dutydesk db grant ROLE --town TOWN | --district`)"] : roles.map(\.line)
        }
        return out
    }
}
