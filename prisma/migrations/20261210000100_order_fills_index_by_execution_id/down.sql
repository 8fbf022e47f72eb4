-- Rollback of order_fills_index_by_execution_id: the index on (user_id, executed_at) again. Destroys
-- no data; a recompute's read sorts the ties itself, as before.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE INDEX IF NOT EXISTS "option_executions_user_id_executed_at_idx"
  ON "option_executions"("user_id", "executed_at");
DROP INDEX IF EXISTS "option_executions_user_id_executed_at_broker_execution_id_idx";
