import DutyCore

/// Town consoles limited by PostgreSQL itself (schema step 3): two group
/// roles, a table naming each town role's town, and row-level security on
/// `records`. A town's login role reads only the records about its town and
/// may insert only records the database itself judges to be about its town
/// (`records.towns`, computed by step 2's trigger from the line); nobody but
/// the tables' owner updates or deletes. The client is never trusted with it.
public enum TownRoles {
    /// The town the session's role is limited to (`db grant --town`); nil
    /// for the district's roles and the owner. A console over a town's role
    /// names that town without being told (`--town` is then implied).
    public static func town(of session: DatabaseSession) async throws(DatabaseError) -> String? {
        try await session.text("SELECT dutydesk_role_town()", doing: "reading the role's town")
    }

    /// The group of the district center's operators: every record, read and written.
    public static let districtGroup = "dutydesk_district"
    /// The group of the towns' operators: their own town's records only.
    public static let townGroup = "dutydesk_town"

    /// Schema step 3's statements, run in `db init`'s one transaction.
    static var schemaStatements: [String] {
        [
            // Roles are the cluster's, not the database's: another database of
            // this cluster may have made them already, or be making them in a
            // transaction of its own (then this one waits, and meets a unique
            // violation when that one commits).
            """
            DO $$ BEGIN
                CREATE ROLE \(districtGroup) NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """,
            """
            DO $$ BEGIN
                CREATE ROLE \(townGroup) NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$
            """,
            """
            CREATE TABLE town_roles (
                role name PRIMARY KEY,
                town text NOT NULL CHECK (town IN (\(Schema.sqlTowns)))
            )
            """,
            // The current role's town, NULL for any other role. SECURITY
            // DEFINER so that town roles need no access to `town_roles`; the
            // role is a parameter defaulting to `current_user` because a
            // default is evaluated by the caller, before the switch to the
            // definer (inside, `current_user` would be the owner).
            """
            CREATE FUNCTION dutydesk_role_town(who name DEFAULT current_user) RETURNS text
                LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp
                AS $f$ SELECT town FROM town_roles WHERE role = who $f$
            """,
            // Step 2's row trigger split in two. The writer, as before, with
            // the writer's rights (`current_user` is who inserts) ...
            """
            CREATE OR REPLACE FUNCTION dutydesk_records_row() RETURNS trigger
            LANGUAGE plpgsql SET search_path = @SCHEMA@, pg_temp AS $f$
            BEGIN
                NEW.written_by := current_user;
                RETURN NEW;
            END
            $f$
            """,
            // ... then the towns, with the owner's (fired after it: triggers
            // fire by name), so that looking up an alert's item needs no
            // function a town's role could call to learn another town's
            // items. A town role's word is never taken for its towns (its
            // grants cannot name the column either); a district writer may
            // label its rows, as step 2 lets it, and so may a superuser
            // (whom `pg_has_role` calls a member of every role).
            """
            CREATE FUNCTION dutydesk_records_towns() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
            BEGIN
                IF NEW.towns IS NULL OR (pg_has_role(NEW.written_by, '\(townGroup)', 'MEMBER')
                                         AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = NEW.written_by)) THEN
                    NEW.towns := dutydesk_record_towns(NEW.kind, NEW.line);
                END IF;
                RETURN NEW;
            END
            $f$
            """,
            "CREATE TRIGGER records_towns BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION dutydesk_records_towns()",
            "ALTER TABLE records ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY records_district_read ON records FOR SELECT TO \(districtGroup) USING (true)",
            "CREATE POLICY records_district_insert ON records FOR INSERT TO \(districtGroup) WITH CHECK (true)",
            // NULL towns (district-wide records) and NULL town (not a town
            // role) both make the comparison NULL: not visible, not allowed.
            "CREATE POLICY records_town_read ON records FOR SELECT TO \(townGroup) USING (dutydesk_role_town() = ANY (towns))",
            // Checked after the BEFORE INSERT trigger has set `towns` from the line.
            "CREATE POLICY records_town_insert ON records FOR INSERT TO \(townGroup) WITH CHECK (dutydesk_role_town() = ANY (towns))",
            // Grants: what each group needs and no more. Functions are
            // PUBLIC's to call by default: here the groups' call only the
            // two they need, and the rest are the owner's (a trigger needs no
            // EXECUTE to fire); `written_by`, `seq` and `pushed_at` are
            // never the writer's to give, `towns` only the district's.
            """
            REVOKE ALL ON FUNCTION dutydesk_role_town(name), dutydesk_next_number(text, bigint), dutydesk_ref_towns(text),
                dutydesk_record_towns(text, text), dutydesk_records_row(), dutydesk_records_towns(), dutydesk_records_added(),
                dutydesk_write_lock() FROM PUBLIC
            """,
            """
            GRANT EXECUTE ON FUNCTION dutydesk_role_town(name), dutydesk_next_number(text, bigint) TO \(districtGroup), \(townGroup)
            """,
            "GRANT USAGE ON SCHEMA @SCHEMA@ TO \(districtGroup), \(townGroup)",
            "GRANT SELECT ON schema_version TO \(districtGroup), \(townGroup)",
            "GRANT SELECT, INSERT (kind, id, ts, ts_exact, line, console, actor, source_file) ON records TO \(districtGroup), \(townGroup)",
            "GRANT INSERT (towns) ON records TO \(districtGroup)",
            "GRANT USAGE ON SEQUENCE records_seq_seq TO \(districtGroup), \(townGroup)",
            "GRANT SELECT ON record_echoes, quarantine, file_positions, counters, town_roles TO \(districtGroup)",
        ]
    }
}
