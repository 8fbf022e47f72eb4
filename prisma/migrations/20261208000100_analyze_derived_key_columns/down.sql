-- Rollback of analyze_derived_key_columns: app_analyze_derived_tables analyzes every column again,
-- as 20261205000100_add_analyze_derived_tables made it. Destroys no data.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE OR REPLACE FUNCTION app_analyze_derived_tables(p_tables text[])
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
