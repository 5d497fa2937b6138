import DutyCore

/// Town consoles limited by PostgreSQL itself (schema step 3): two group
/// roles, a table naming each town role's town, and row-level security on
/// `records`. A town's login role reads only the records about its town and
/// may insert only records the database itself judges to be about its town
/// (`records.towns`, computed by step 2's trigger from the line); nobody but
/// the tables' owner updates or deletes. The client is never trusted with it.
public enum TownRoles {
    /// The group of the district center's operators: every record, read and written.
    public static let districtGroup = "dutydesk_district"
    /// The group of the towns' operators: their own town's records only.
    public static let townGroup = "dutydesk_town"

    /// The 12 towns, as SQL string literals, for the `town_roles` check.
    static var townList: String {
        District.towns.map { "'" + $0.name.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
    }

    /// Schema step 3's statements, run in `db init`'s one transaction.
    static var schemaStatements: [String] {
        [
            // Roles are the cluster's, not the database's: another database of
            // this cluster (or an earlier try) may have made them already.
            """
            DO $$ BEGIN
                CREATE ROLE \(districtGroup) NOLOGIN;
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$
            """,
            """
            DO $$ BEGIN
                CREATE ROLE \(townGroup) NOLOGIN;
            EXCEPTION WHEN duplicate_object THEN NULL;
            END $$
            """,
            """
            CREATE TABLE town_roles (
                role name PRIMARY KEY,
                town text NOT NULL CHECK (town IN (\(townList)))
            )
            """,
            // The current role's town, NULL for any other role. SECURITY
            // DEFINER so that town roles need no access to `town_roles`; the
            // role is a parameter defaulting to `current_user` because a
            // default is evaluated by the caller, before the switch to the
            // definer (inside, `current_user` would be the owner).
            """
            CREATE FUNCTION dutydesk_role_town(who name DEFAULT current_user) RETURNS text
                LANGUAGE sql STABLE SECURITY DEFINER
                AS $$ SELECT town FROM town_roles WHERE role = who $$
            """,
            "ALTER TABLE records ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY records_district_read ON records FOR SELECT TO \(districtGroup) USING (true)",
            "CREATE POLICY records_district_insert ON records FOR INSERT TO \(districtGroup) WITH CHECK (true)",
            // NULL towns (district-wide records) and NULL town (not a town
            // role) both make the comparison NULL: not visible, not allowed.
            "CREATE POLICY records_town_read ON records FOR SELECT TO \(townGroup) USING (dutydesk_role_town() = ANY (towns))",
            // Checked after the BEFORE INSERT trigger has set `towns` from the line.
            "CREATE POLICY records_town_insert ON records FOR INSERT TO \(townGroup) WITH CHECK (dutydesk_role_town() = ANY (towns))",
            // Functions that write what the groups may not touch run as the
            // owner, with a search path no caller can plant objects in.
            """
            DO $$ DECLARE s text := quote_ident(current_schema()); BEGIN
                EXECUTE format('ALTER FUNCTION dutydesk_role_town(name) SET search_path = %s, pg_temp', s);
                EXECUTE format('ALTER FUNCTION dutydesk_next_number(text, bigint) SECURITY DEFINER SET search_path = %s, pg_temp', s);
                EXECUTE format('ALTER FUNCTION dutydesk_records_after() SECURITY DEFINER SET search_path = %s, pg_temp', s);
                EXECUTE format('GRANT USAGE ON SCHEMA %s TO \(districtGroup), \(townGroup)', s);
            END $$
            """,
            // Grants: what each group needs and no more. Columns the
            // triggers set (`towns`, `written_by`) and `seq`/`pushed_at` are
            // not the writers' to give.
            "REVOKE ALL ON FUNCTION dutydesk_role_town(name), dutydesk_next_number(text, bigint) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION dutydesk_role_town(name), dutydesk_next_number(text, bigint) TO \(districtGroup), \(townGroup)",
            "GRANT SELECT ON schema_version TO \(districtGroup), \(townGroup)",
            "GRANT SELECT, INSERT (kind, id, ts, ts_exact, line, console, actor, source_file) ON records TO \(districtGroup), \(townGroup)",
            "GRANT USAGE ON SEQUENCE records_seq_seq TO \(districtGroup), \(townGroup)",
            "GRANT SELECT ON record_echoes, quarantine, file_positions, counters, town_roles TO \(districtGroup)",
        ]
    }
}
