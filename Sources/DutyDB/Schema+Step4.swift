extension Schema {
    /// Step 4: the row triggers fire only when they have work to do. Steps 2
    /// and 3 called two PL/pgSQL functions for every row, each switching its
    /// `search_path`, and looked the writer's roles up: `push` fell from
    /// about 59,000 to 22,000 records/s (the bench, 1M records). A trigger's
    /// `WHEN` is evaluated without a call: the writer is set only when the
    /// client named someone else, and the towns computed only when a row
    /// comes unlabelled or from a town's role (one of `dutydesk_town` and
    /// not of `dutydesk_district`: a superuser is a member of both, and may
    /// label its rows as a district writer does).
    static let step4 = Migration(version: 4, name: "row triggers only when needed", statements: [
        """
        CREATE OR REPLACE FUNCTION dutydesk_records_row() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            NEW.written_by := current_user;
            RETURN NEW;
        END
        $f$
        """,
        "DROP TRIGGER records_row ON records",
        """
        CREATE TRIGGER records_row BEFORE INSERT ON records FOR EACH ROW
        WHEN (NEW.written_by IS DISTINCT FROM current_user)
        EXECUTE FUNCTION dutydesk_records_row()
        """,
        "DROP TRIGGER records_towns ON records",
        """
        CREATE TRIGGER records_towns BEFORE INSERT ON records FOR EACH ROW
        WHEN (NEW.towns IS NULL OR (pg_has_role(current_user, '\(TownRoles.townGroup)', 'MEMBER')
                                    AND NOT pg_has_role(current_user, '\(TownRoles.districtGroup)', 'MEMBER')))
        EXECUTE FUNCTION dutydesk_records_towns()
        """,
    ])
}
