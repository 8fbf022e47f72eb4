-- Rollback of create_sync_runs_and_daily_marks. Destroys the sync history and every stored day of
-- marks: unrealized P&L and the equity curve start again from the next sync once this is re-applied.
DROP POLICY IF EXISTS user_isolation ON daily_marks;
DROP POLICY IF EXISTS user_isolation ON daily_mark_days;
DROP POLICY IF EXISTS user_isolation ON sync_runs;
DROP TABLE IF EXISTS "daily_marks";
DROP TABLE IF EXISTS "daily_mark_days";
DROP TABLE IF EXISTS "sync_runs";
DROP TYPE IF EXISTS "DailyMarkKind";
DROP TYPE IF EXISTS "SyncRunOutcome";
