-- Keeps Robinhood's own JSON of every synced order and event beside the columns Rollbook reads, so a
-- field not mapped yet (time_in_force, trigger, stop_price, …) is never lost and can be derived later
-- without a new sync. Nullable and without a default: adding it rewrites nothing, and rows stored
-- before it (and rows from imports) have none.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "option_orders" ADD COLUMN "raw" JSONB;
ALTER TABLE "option_events" ADD COLUMN "raw" JSONB;
