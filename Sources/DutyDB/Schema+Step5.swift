extension Schema {
    /// Step 5: `task_state` keeps only the tasks some console wrote.
    ///
    /// Why: the constraint it carries (one console-written open task per
    /// event) is about those tasks only, yet step 2 parsed the JSON of every
    /// task row anyone inserted and upserted it — a fifth of a feed's rows,
    /// and about a third of `push`'s time in the server. Now a feed's task row
    /// costs a probe of a small table; a task is entered the first time a
    /// console writes it, its state computed then from all its rows (feed
    /// rows included, read through the unique index), and any row of it
    /// recomputes that state afterwards. The answers are step 2's: the
    /// latest snapshot by ts (ties keep the first), console if any row was.
    static let step5 = Migration(version: 5, name: "task states only for tasks consoles wrote", statements: [
        "DELETE FROM task_state WHERE NOT console",
        """
        CREATE OR REPLACE FUNCTION dutydesk_records_added() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = @SCHEMA@, pg_temp AS $f$
        DECLARE
            top bigint;
            touched text[];
        BEGIN
            SELECT max(seq) INTO top FROM added;
            IF top IS NULL THEN RETURN NULL; END IF;
            \(countersFrom("added").joined(separator: ";\n"));
            SELECT array_agg(DISTINCT a.id) INTO touched FROM added a
             WHERE a.kind = 'task'
               AND (a.console IS NOT NULL OR EXISTS (SELECT 1 FROM task_state s WHERE s.task_id = a.id));
            -- (EXISTS, a probe of the key per task row: an IN inside the OR
            -- would be a subplan the planner may rescan row by row once
            -- the table outgrows its memory for hashing.)
            IF touched IS NOT NULL THEN
                -- Per task, through the unique index (kind, id, ts_exact):
                -- never a scan of the log, whatever the planner guesses.
                INSERT INTO task_state (task_id, event_id, ts_exact, open, console)
                SELECT t.id, h.event_id, h.ts_exact, h.open,
                       EXISTS (SELECT 1 FROM records c WHERE c.kind = 'task' AND c.id = t.id AND c.console IS NOT NULL)
                  FROM unnest(touched) AS t(id)
                  CROSS JOIN LATERAL (
                      SELECT (r.line::json)->>'event' AS event_id, r.ts_exact,
                             coalesce((r.line::json)->>'status', '') NOT IN ('done', 'returned') AS open
                        FROM records r WHERE r.kind = 'task' AND r.id = t.id
                       ORDER BY r.ts_exact DESC, r.seq LIMIT 1) AS h
                ON CONFLICT (task_id) DO UPDATE SET event_id = excluded.event_id, ts_exact = excluded.ts_exact,
                    open = excluded.open, console = excluded.console
                 WHERE (task_state.event_id, task_state.ts_exact, task_state.open, task_state.console)
                       IS DISTINCT FROM (excluded.event_id, excluded.ts_exact, excluded.open, excluded.console);
            END IF;
            PERFORM pg_notify('dutydesk_records', top::text);
            RETURN NULL;
        END
        $f$
        """,
    ])
}
