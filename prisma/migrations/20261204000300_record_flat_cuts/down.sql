-- Rollback of record_flat_cuts. Destroys the recorded flat cuts and the touched books' earliest
-- dates: the previous code replays whole underlyings and never reads them, so nothing is lost.
DROP POLICY IF EXISTS user_isolation ON recompute_flat_cuts;
DROP TABLE IF EXISTS "recompute_flat_cuts";
ALTER TABLE "recompute_touched_books" DROP COLUMN IF EXISTS "from_day";
DROP INDEX IF EXISTS "option_executions_user_id_trade_date_idx";
