-- Rollback of record_input_snapshots. Destroys the saved inputs: the previous code reads every input
-- from its own table and never reads them, so nothing is lost.
DROP POLICY IF EXISTS user_isolation ON recompute_input_snapshots;
DROP TABLE IF EXISTS "recompute_input_snapshots";
