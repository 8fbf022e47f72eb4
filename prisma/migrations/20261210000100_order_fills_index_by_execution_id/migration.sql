-- A recompute reads a user's fills in time order, ties by execution id (`ORDER BY executed_at,
-- broker_execution_id`, lib/server/recompute/read-input-rows.ts). The index on (user_id, executed_at)
-- gave that order only up to the ties, so every full read sorted them again (an incremental sort):
-- 54 ms of the server's 117 ms for the 104,193 fills of the benchmark's history, against about 24 ms
-- with the execution id in the index (docs/RECOMPUTE-MEASUREMENTS.md). The new index serves every
-- query the old one did (its columns lead), so the old one goes.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The index build blocks writes to option_executions (not reads) while it runs: sync and import wait
-- for it (seconds per million fills); `prisma migrate deploy` runs a migration in one transaction,
-- where a concurrent build cannot run.
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX "option_executions_user_id_executed_at_broker_execution_id_idx"
  ON "option_executions"("user_id", "executed_at", "broker_execution_id");

-- squawk-ignore require-concurrent-index-deletion
DROP INDEX "option_executions_user_id_executed_at_idx";
