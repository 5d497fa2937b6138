import DutyCore

extension Schema {
    /// Step 2: what lets consoles share the log (issue 15). Every statement
    /// may name `@SCHEMA@`, replaced by the quoted schema the tables live in
    /// (the `search_path` pinned on functions that run with their owner's rights).
    static let step2 = Migration(version: 2, name: "towns, writers, one write lock, notifications, counters, one open task per event", statements: [
        // Who wrote a row (the database role: operators are identified by
        // it) and which towns it is about (NULL: district-wide).
        "ALTER TABLE records ADD COLUMN towns text[]",
        "ALTER TABLE records ADD COLUMN written_by name NOT NULL DEFAULT current_user",
        // The item an alert's ref names: looked up with the owner's rights,
        // since a town's role must label an alert about an item it may not
        // read the whole history of.
        """
        CREATE FUNCTION dutydesk_ref_towns(ref text) RETURNS text[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
            SELECT r.towns FROM records r
             WHERE r.kind = split_part(ref, ':', 1) AND r.id = substr(ref, strpos(ref, ':') + 1)
             ORDER BY r.ts_exact DESC LIMIT 1
        $f$
        """,
        // `RecordTowns` in SQL: the same answers, in District.towns order.
        """
        CREATE FUNCTION dutydesk_record_towns(p_kind text, p_line text) RETURNS text[]
        LANGUAGE plpgsql STABLE SET search_path = @SCHEMA@, pg_temp AS $f$
        DECLARE
            j json := p_line::json;
            found text[];
        BEGIN
            IF p_kind IN ('event', 'task', 'mediation') THEN
                IF json_typeof(j->'town') = 'string' THEN RETURN ARRAY[j->>'town']; END IF;
            ELSIF p_kind = 'notice' THEN
                IF json_typeof(j->'to') = 'array' THEN
                    SELECT array_agg(t.name ORDER BY t.n) INTO found
                      FROM unnest(ARRAY[\(sqlTowns)]::text[]) WITH ORDINALITY AS t(name, n)
                     WHERE EXISTS (SELECT 1 FROM json_array_elements(j->'to') AS a
                                    WHERE json_typeof(a) = 'string' AND strpos(a #>> '{}', t.name) > 0);
                    RETURN found;
                END IF;
            ELSIF p_kind = 'alert' THEN
                IF json_typeof(j->'ref') = 'string' AND strpos(j->>'ref', ':') > 0 THEN
                    RETURN dutydesk_ref_towns(j->>'ref');
                END IF;
            END IF;
            RETURN NULL;
        END
        $f$
        """,
        // Each row: its writer, and its towns unless a (trusted) writer
        // labelled it; step 3 recomputes them for a town's role always.
        """
        CREATE FUNCTION dutydesk_records_row() RETURNS trigger
        LANGUAGE plpgsql SET search_path = @SCHEMA@, pg_temp AS $f$
        BEGIN
            NEW.written_by := current_user;
            IF NEW.towns IS NULL THEN
                NEW.towns := dutydesk_record_towns(NEW.kind, NEW.line);
            END IF;
            RETURN NEW;
        END
        $f$
        """,
        "CREATE TRIGGER records_row BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION dutydesk_records_row()",
        // One write lock, whatever the client does: writers are serialised,
        // so seq order is commit order and a follower reading `seq > N`
        // after seeing N misses nothing.
        """
        CREATE FUNCTION dutydesk_write_lock() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            PERFORM pg_advisory_xact_lock(\(RecordLog.pushLock));
            RETURN NULL;
        END
        $f$
        """,
        "CREATE TRIGGER records_write_lock BEFORE INSERT ON records FOR EACH STATEMENT EXECUTE FUNCTION dutydesk_write_lock()",
        "CREATE TRIGGER record_echoes_write_lock BEFORE INSERT ON record_echoes FOR EACH STATEMENT EXECUTE FUNCTION dutydesk_write_lock()",
        // Which task of an event is still owed, for the constraint below:
        // the latest snapshot by ts (ties keep the first, as the store does).
        """
        CREATE TABLE task_state (
            task_id text PRIMARY KEY,
            event_id text,
            ts_exact bigint NOT NULL,
            open boolean NOT NULL,
            console boolean NOT NULL
        )
        """,
        // Two consoles can never both leave an event with an open task of
        // their own, whatever the clients do; feed lines from other systems
        // are facts and never refused.
        "CREATE UNIQUE INDEX task_state_one_open_per_event ON task_state (event_id) WHERE open AND console",
        // After each insert: the counters (gap-free numbers count what
        // anyone wrote, feeds included), the task states, and a notification
        // — a hint for followers, delivered at commit.
        """
        CREATE FUNCTION dutydesk_records_added() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
        DECLARE
            top bigint;
        BEGIN
            SELECT max(seq) INTO top FROM added;
            IF top IS NULL THEN RETURN NULL; END IF;
            \(countersFrom("added").joined(separator: ";\n"));
            INSERT INTO task_state (task_id, event_id, ts_exact, open, console)
            SELECT DISTINCT ON (id) id, j->>'event', ts_exact, coalesce(j->>'status', '') NOT IN ('done', 'returned'),
                   bool_or(console IS NOT NULL) OVER (PARTITION BY id)
              FROM (SELECT id, seq, ts_exact, console, line::json AS j FROM added WHERE kind = 'task') AS t
             ORDER BY id, ts_exact DESC, seq
            ON CONFLICT (task_id) DO UPDATE SET
                event_id = CASE WHEN excluded.ts_exact > task_state.ts_exact THEN excluded.event_id ELSE task_state.event_id END,
                open = CASE WHEN excluded.ts_exact > task_state.ts_exact THEN excluded.open ELSE task_state.open END,
                ts_exact = greatest(excluded.ts_exact, task_state.ts_exact),
                console = task_state.console OR excluded.console
             WHERE excluded.ts_exact > task_state.ts_exact OR (excluded.console AND NOT task_state.console);
            PERFORM pg_notify('dutydesk_records', top::text);
            RETURN NULL;
        END
        $f$
        """,
        """
        CREATE TRIGGER records_added AFTER INSERT ON records REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION dutydesk_records_added()
        """,
        // Counters already due from step 1's rows, and their task states.
    ] + countersFrom("records") + [
        """
        INSERT INTO task_state (task_id, event_id, ts_exact, open, console)
        SELECT DISTINCT ON (id) id, (line::json)->>'event', ts_exact,
               coalesce((line::json)->>'status', '') NOT IN ('done', 'returned'), false
          FROM records WHERE kind = 'task' ORDER BY id, ts_exact DESC, seq
        """,
        // Items first: an alert's towns are its item's.
        "UPDATE records SET towns = dutydesk_record_towns(kind, line) WHERE towns IS NULL AND kind <> 'alert'",
        "UPDATE records SET towns = dutydesk_record_towns(kind, line) WHERE towns IS NULL AND kind = 'alert'",
        // The next gap-free number of a series: above what is stored and
        // above what the caller's store holds; taken in the action's
        // transaction, so a rollback gives it back.
        """
        CREATE FUNCTION dutydesk_next_number(p_name text, p_above bigint) RETURNS bigint
        LANGUAGE sql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
            INSERT INTO counters (name, value) VALUES (p_name, greatest(p_above, 0) + 1)
            ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, p_above) + 1
            RETURNING value
        $f$
        """,
    ])

    /// The 12 towns as SQL string literals (names hold no quote).
    static var sqlTowns: String {
        RecordTowns.names.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
    }

    /// Raises the counters to the highest task number of each date and the
    /// highest number of each document series among `table`'s rows (the
    /// trigger's new rows, or the whole log when step 2 is applied).
    static func countersFrom(_ table: String) -> [String] {
        ["""
        INSERT INTO counters (name, value)
        SELECT 'task:' || substr(id, 1, 12), max(substr(id, 13)::bigint) FROM \(table)
         WHERE kind = 'task' AND id ~ '^ZF-[0-9]{8}-[0-9]{1,9}$' GROUP BY 1
        ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)
        """, """
        INSERT INTO counters (name, value)
        SELECT 'notice:' || m[1], max(m[2]::bigint) FROM (
            SELECT coalesce(regexp_match(n, '^(奉综指[提督]〔[0-9]{4}〕)([0-9]{1,6})号$'),
                            regexp_match(n, '^(奉综指通〔[0-9]{4}〕)第([0-9]{1,6})期$')) AS m
              FROM (SELECT (line::json)->>'number' AS n FROM \(table) WHERE kind = 'notice') AS numbers
        ) AS parsed WHERE m IS NOT NULL AND m[2]::bigint > 0 GROUP BY 1
        ON CONFLICT (name) DO UPDATE SET value = greatest(counters.value, excluded.value)
        """]
    }
}
