-- Incremental recompute from the last flat cut (docs/RECOMPUTE.md, "Flat cuts"). Each recompute
-- records, per underlying it replayed, the latest trading date before which nothing of that
-- underlying is open across the date's start in any account (no option lot, share, wheel cycle), with
-- the realized stock P&L each account had before it: everything derived before that date is final.
-- Sync and import record, per touched book, the earliest trading date they wrote there
-- (recompute_touched_books.from_day; null: unknown, replay the whole underlying), so the next
-- recompute replays only that underlying's inputs from the cut on when the change lies after it.
-- The fills from a cut on are read through a new index on (user, trade date). New table and a
-- nullable column: nothing existing is rewritten; a user without cuts replays whole
-- underlyings once, which records them.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- AlterTable
ALTER TABLE "recompute_touched_books" ADD COLUMN "from_day" DATE;

-- The index build blocks writes to option_executions (not reads) while it runs: sync and import wait
-- for it (seconds per million fills); `prisma migrate deploy` runs a migration in one transaction, where
-- a concurrent build cannot run. An executed_at range cannot stand in for it: an order-history import
-- stamps fills with the order's creation, which can precede the trade date by days.
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX "option_executions_user_id_trade_date_idx" ON "option_executions"("user_id", "trade_date");

-- CreateTable
CREATE TABLE "recompute_flat_cuts" (
    "user_id" UUID NOT NULL,
    "underlying" TEXT NOT NULL,
    "cut_day" DATE NOT NULL,
    "stock_realized" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_flat_cuts_pkey" PRIMARY KEY ("user_id","underlying")
);

-- AddForeignKey
ALTER TABLE "recompute_flat_cuts" ADD CONSTRAINT "recompute_flat_cuts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A user's cuts are that user's alone, like every other user-owned table.
ALTER TABLE recompute_flat_cuts ENABLE ROW LEVEL SECURITY;
ALTER TABLE recompute_flat_cuts FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON recompute_flat_cuts
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE recompute_flat_cuts TO rollbook_app;
