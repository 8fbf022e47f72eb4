-- Adds app_analyze_input_tables(tables): lets the app refresh the planner's statistics of the raw
-- input tables (what sync and import write) inside the writer's own transaction, right after a write
-- that brought a large share of a user's rows (docs/RECOMPUTE.md, "Planner statistics").
-- Without it, a large first import leaves ~100,000 fills in tables whose statistics still say the
-- user has none, until autovacuum happens to analyze them; an incremental recompute in that window
-- planned its scoped read (fills of the scope's contracts dated from the flat cut) as nested loops
-- over both sides: 45 s to read one underlying of a 104,193-fill history, 0.37 s once analyzed.
--
-- Like app_analyze_derived_tables (20261205000100, which says why a SECURITY DEFINER function and
-- not GRANT MAINTAIN): ANALYZE only, on the five input tables only, as their owner, with a pinned
-- search_path and qualified names; a table another transaction keeps locked is waited for at most
-- 2 s and then skipped, never failing the write. Returns the tables it analyzed.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE FUNCTION app_analyze_input_tables(p_tables text[])
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
    IF v_table IS NULL OR v_table NOT IN ('option_orders', 'option_legs', 'option_executions',
        'option_events', 'stock_trades') THEN
      RAISE EXCEPTION 'app_analyze_input_tables: % is not an input table', v_table;
    END IF;
  END LOOP;
  FOREACH v_table IN ARRAY p_tables LOOP
    BEGIN
      EXECUTE format('ANALYZE public.%I', v_table);
      v_analyzed := v_analyzed || v_table;
    EXCEPTION WHEN lock_not_available THEN
      -- Another transaction keeps the table locked (lock_timeout): skipped, autovacuum will do it.
      -- The remaining tables are tried without waiting, so the whole call waits 2 s at most.
      PERFORM set_config('lock_timeout', '10ms', true);
    END;
  END LOOP;
  RETURN v_analyzed;
END
$$;

REVOKE ALL ON FUNCTION app_analyze_input_tables(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_analyze_input_tables(text[]) TO rollbook_app;
