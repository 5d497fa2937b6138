extension Schema {
    /// Step 6: a town's console sees the district-wide alerts too.
    ///
    /// Why: an alert about no one item (a 6:3:1 drift, a stale feed, an
    /// alert whose item is unknown) has no towns, and step 3 let a town's role
    /// read only rows naming its town, so a town's duty officer never saw
    /// what the whole district was warned of. What a town sees is one
    /// function, used by the row-level policy and by the consoles' own
    /// queries (a district role's `--town` console), so the two never
    /// disagree. Writing is unchanged: a town's role still writes only
    /// records about its town (it cannot acknowledge the district's alerts).
    static let step6 = Migration(version: 6, name: "towns see the district-wide alerts", statements: [
        """
        CREATE FUNCTION dutydesk_town_sees(p_town text, p_kind text, p_towns text[]) RETURNS boolean
        LANGUAGE sql IMMUTABLE AS $f$
            SELECT p_town IS NOT NULL AND (p_town = ANY (p_towns) OR (p_kind = 'alert' AND p_towns IS NULL))
        $f$
        """,
        "REVOKE ALL ON FUNCTION dutydesk_town_sees(text, text, text[]) FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION dutydesk_town_sees(text, text, text[]) TO \(TownRoles.districtGroup), \(TownRoles.townGroup)",
        "DROP POLICY records_town_read ON records",
        """
        CREATE POLICY records_town_read ON records FOR SELECT TO \(TownRoles.townGroup)
        USING (dutydesk_town_sees(dutydesk_role_town(), kind, towns))
        """,
    ])
}
