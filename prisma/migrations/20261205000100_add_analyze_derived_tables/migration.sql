-- Adds app_analyze_derived_tables(tables): lets the app refresh the planner's statistics of the
-- derived tables (the rows a recompute writes) inside the recompute's own transaction, right after a
-- write that changed a large share of a user's rows (docs/RECOMPUTE.md, "Planner statistics").
-- Without it, the first full recompute of a large history leaves ~100,000 rows in tables whose
-- statistics still say the user has none; the next recompute's merge then plans its anti-joins as
-- nested loops over both sides (a second full recompute of 100,000 fills ran 2,605 s, the first
-- 34 s) until autovacuum happens to analyze them.
--
-- Why a SECURITY DEFINER function and not GRANT MAINTAIN: only a table's owner may ANALYZE it, and
-- MAINTAIN (PostgreSQL 17+) is both too wide (it also allows VACUUM FULL, CLUSTER, REINDEX and LOCK
-- TABLE, each able to lock every user out of the table) and absent on PostgreSQL 16 and older, which
-- DATABASE_URL may name. This function does one thing, ANALYZE, on the eight derived tables only,
-- as the owner, on any version; its search_path is pinned and every table name is qualified.
--
-- ANALYZE takes a SHARE UPDATE EXCLUSIVE lock, held until the caller commits (it blocks no reads or
-- writes, only another ANALYZE or VACUUM of the table). A table whose lock another transaction holds
-- (another recompute's ANALYZE, a VACUUM) is waited for at most 2 s (autovacuum gives its lock up
-- after deadlock_timeout, 1 s) and then skipped, never failing the recompute: autovacuum analyzes it
-- later; after one skip the remaining tables are not waited for. Returns the tables it analyzed.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE FUNCTION app_analyze_derived_tables(p_tables text[])
  RETURNS text[]
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  SET lock_timeout = '2s'
  AS $$
DECLARE
  v_table text;
  v_analyzed text[] := '{}';
BEGIN
  -- Every name is checked before anything is analyzed.
  FOREACH v_table IN ARRAY p_tables LOOP
    IF v_table IS NULL OR v_table NOT IN ('roll_chains', 'roll_links', 'matched_lots', 'open_positions',
        'stock_positions', 'wheel_cycles', 'daily_pnl', 'recompute_flat_cuts') THEN
      RAISE EXCEPTION 'app_analyze_derived_tables: % is not a derived table', v_table;
    END IF;
  END LOOP;
  FOREACH v_table IN ARRAY p_tables LOOP
    BEGIN
      EXECUTE format('ANALYZE public.%I', v_table);
      v_analyzed := v_analyzed || v_table;
    EXCEPTION WHEN lock_not_available THEN
      -- Another transaction keeps the table locked (lock_timeout): skipped, autovacuum will do it.
      -- Most likely another large recompute, which holds the next tables too: those are tried
      -- without waiting, so the whole call waits 2 s at most.
      PERFORM set_config('lock_timeout', '10ms', true);
    END;
  END LOOP;
  RETURN v_analyzed;
END
$$;

REVOKE ALL ON FUNCTION app_analyze_derived_tables(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_analyze_derived_tables(text[]) TO rollbook_app;
