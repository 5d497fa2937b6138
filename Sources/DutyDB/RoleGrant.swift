import DutyCore
import PostgresNIO

/// `dutydesk db grant`: makes (or updates) a login role for a town's or the
/// district's operators — member of the right group, its town recorded in
/// `town_roles` — in one transaction. Idempotent: granting the same again
/// changes nothing; granting the other scope moves the role.
public struct RoleGrant: Sendable {
    /// Where a role's operators sit.
    public enum Scope: Sendable, Equatable {
        case district
        case town(String)
    }

    /// What was done, for the command's one line.
    public struct Outcome: Sendable, Equatable {
        public var created: Bool
        public var passwordSet: Bool
    }

    public let role: String
    public let scope: Scope
    /// nil: a new role gets none, an existing one keeps its own.
    public let password: String?

    /// Checks the names before any database is reached: the town must be one
    /// of the 12 (the error lists them), the role an ordinary name.
    public init(role: String, scope: Scope, password: String?) throws(DatabaseError) {
        guard !role.isEmpty, role.utf8.count <= 63 else {
            throw DatabaseError("a role name must have 1 to 63 bytes: \(role.debugDescription)")
        }
        let reserved = [TownRoles.districtGroup, TownRoles.townGroup]
        guard !reserved.contains(role), !role.hasPrefix("pg_") else {
            throw DatabaseError("\(role) is not a role to grant: the groups \(reserved.joined(separator: ", ")) and pg_* roles are the database's own")
        }
        if case .town(let town) = scope, !District.towns.contains(where: { $0.name == town }) {
            throw DatabaseError("unknown town \(town.debugDescription): one of \(District.towns.map(\.name).joined(separator: " "))")
        }
        if let password, password.isEmpty {
            throw DatabaseError("the password file is empty")
        }
        self.role = role; self.scope = scope; self.password = password
    }

    /// Runs the grant. The statements that name the role are quoted by the
    /// server (`format('%I')`, `%L`), never pasted by this program.
    public func apply(_ session: DatabaseSession) async throws(DatabaseError) -> Outcome {
        guard let version = try await Schema.version(session), version >= 3 else {
            throw DatabaseError("the database has no town roles yet (schema step 3): run `dutydesk db init` first")
        }
        let role = self.role, scope = self.scope, password = self.password
        return try await session.transaction(doing: "granting \(role)") { session in
            let c = session.connection, log = session.logger
            // Who may not be limited: row-level security does not bind them.
            var exists = false
            let found = try await c.query("""
                SELECT r.rolsuper OR r.rolbypassrls, pg_has_role(r.oid, t.relowner, 'MEMBER')
                FROM pg_roles r, pg_class t WHERE r.rolname = \(role) AND t.oid = 'records'::regclass
                """, logger: log)
            for try await (bypasses, owns) in found.decode((Bool, Bool).self) {
                exists = true
                if case .town = scope, bypasses || owns {
                    throw DatabaseError("\(role) \(owns ? "owns the tables" : "is a superuser or bypasses row-level security"): PostgreSQL would not limit it to a town; grant a role of its own")
                }
            }
            let (join, leave) = scope == .district ? (TownRoles.districtGroup, TownRoles.townGroup) : (TownRoles.townGroup, TownRoles.districtGroup)
            let templates = [exists ? "ALTER ROLE %I LOGIN" : "CREATE ROLE %I LOGIN", "GRANT \(join) TO %I", "REVOKE \(leave) FROM %I"]
            var statements: [PostgresQuery] = templates.map { "SELECT format(\($0), \(role)::text)" }
            if let password { statements.append("SELECT format('ALTER ROLE %I PASSWORD %L', \(role)::text, \(password)::text)") }
            for statement in statements {
                var text = ""
                for try await row in try await c.query(statement, logger: log).decode(String.self) { text = row }
                try await c.query(PostgresQuery(unsafeSQL: text), logger: log)
            }
            switch scope {
            case .town(let town):
                try await c.query("""
                    INSERT INTO town_roles (role, town) VALUES (\(role), \(town))
                    ON CONFLICT (role) DO UPDATE SET town = excluded.town
                    """, logger: log)
            case .district:
                try await c.query("DELETE FROM town_roles WHERE role = \(role)", logger: log)
            }
            return Outcome(created: !exists, passwordSet: password != nil)
        }
    }
}

/// One line of `db status`'s roles: a member of either group, and its town.
public struct GrantedRole: Sendable, Equatable {
    public var role: String
    /// nil for the district's roles.
    public var town: String?
    public var district: Bool

    public var line: String {
        district ? "role \(role): district" : "role \(role): town \(town ?? "?")"
    }

    /// The district group's members (the cluster's: membership is not a
    /// database's) and the town roles with a town in this database, by name;
    /// what the connected role may see of them: all for the district (and
    /// the owner), itself for a town.
    static func read(_ session: DatabaseSession) async throws(DatabaseError) -> [GrantedRole] {
        do {
            let all = try await session.integer("SELECT has_table_privilege('town_roles', 'SELECT')::int") == 1
            let rows = try await session.connection.query("""
                SELECT m.rolname::text, g.rolname = \(TownRoles.districtGroup),
                       CASE WHEN g.rolname = \(TownRoles.townGroup) THEN dutydesk_role_town(m.rolname) END
                FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
                WHERE g.rolname IN (\(TownRoles.districtGroup), \(TownRoles.townGroup)) AND (\(all) OR m.rolname = current_user)
                ORDER BY g.rolname = \(TownRoles.townGroup), 3, 1
                """, logger: session.logger)
            var out: [GrantedRole] = []
            for try await (role, district, town) in rows.decode((String, Bool, String?).self) where district || town != nil {
                out.append(GrantedRole(role: role, town: town, district: district))
            }
            return out
        } catch {
            throw DatabaseError.from(error, url: session.url, doing: "listing the granted roles")
        }
    }
}
