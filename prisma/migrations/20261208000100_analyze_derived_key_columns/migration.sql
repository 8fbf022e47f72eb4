-- app_analyze_derived_tables(tables) analyzes only the columns the planner's estimates rest on: the
-- user, the keys, and the columns some query filters, joins, groups or orders by. The money, text and
-- JSON columns took most of an ANALYZE's work and steer no plan: after the first full recompute of a
-- 104,193-fill history, the four tables it fills took 340-475 ms to analyze whole and 70-107 ms by
-- their key columns only (docs/RECOMPUTE.md, "Planner statistics"). A column left out keeps the
-- statistics autovacuum last took of it. Same name, arguments, owner and grants: only the body changes.

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
      -- The columns some query filters, joins, groups or orders by (each index's, the recompute's
      -- scope conditions', the pages' filters): the planner's estimates rest on these. The rest
      -- (money, text, JSON) cost most of the sampling's work and steer no plan.
      EXECUTE format('ANALYZE public.%I (%s)', v_table, CASE v_table
        WHEN 'roll_chains' THEN 'user_id, id, underlying, status, strategy, opened_at, closed_at'
        WHEN 'roll_links' THEN 'user_id, id, chain_id, sequence'
        WHEN 'matched_lots' THEN 'user_id, id, chain_id, instrument_id, close_trade_date, opened_at, closed_at'
        WHEN 'open_positions' THEN 'user_id, id, account_id, instrument_id, side, chain_id'
        WHEN 'stock_positions' THEN 'user_id, id, account_id, symbol'
        WHEN 'wheel_cycles' THEN 'user_id, id, cycle_key, underlying, status, started_on, ended_on'
        WHEN 'daily_pnl' THEN 'user_id, trade_date, underlying'
        WHEN 'recompute_flat_cuts' THEN 'user_id, underlying'
      END);
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
