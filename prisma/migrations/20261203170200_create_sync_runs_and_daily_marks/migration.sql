-- Adds the record of every sync (sync_runs: what started it, when, how long, the counts, the outcome
-- and the readable error, for the Runs page) and the daily marks (daily_mark_days and daily_marks:
-- each user's open option contracts and stock positions valued once a day, so unrealized P&L and the
-- equity curve have a history). New, empty tables: nothing existing is locked beyond the brief lock
-- that adds their foreign keys to users.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';
-- CreateEnum
CREATE TYPE "SyncRunOutcome" AS ENUM ('SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "DailyMarkKind" AS ENUM ('OPTION', 'STOCK');

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" "SyncRunOutcome" NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "order_pages" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "stock_orders" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,
    "marks" INTEGER NOT NULL DEFAULT 0,
    "new_rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_mark_days" (
    "user_id" UUID NOT NULL,
    "mark_date" DATE NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL,
    "after_close" BOOLEAN NOT NULL,
    "unrealized_pnl" DECIMAL(24,8) NOT NULL,
    "option_unrealized" DECIMAL(24,8) NOT NULL,
    "stock_unrealized" DECIMAL(24,8) NOT NULL,
    "unmarked_positions" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_mark_days_pkey" PRIMARY KEY ("user_id","mark_date")
);

-- CreateTable
CREATE TABLE "daily_marks" (
    "user_id" UUID NOT NULL,
    "mark_date" DATE NOT NULL,
    "account_id" UUID NOT NULL,
    "position_key" TEXT NOT NULL,
    "kind" "DailyMarkKind" NOT NULL,
    "instrument_id" UUID,
    "symbol" TEXT NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "mark_price" DECIMAL(24,8),
    "market_value" DECIMAL(24,8),
    "cost_basis" DECIMAL(24,8) NOT NULL,
    "unrealized_pnl" DECIMAL(24,8),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_marks_pkey" PRIMARY KEY ("user_id","mark_date","account_id","position_key")
);

-- CreateIndex
CREATE INDEX "sync_runs_user_id_started_at_idx" ON "sync_runs"("user_id", "started_at");

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_mark_days" ADD CONSTRAINT "daily_mark_days_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_marks" ADD CONSTRAINT "daily_marks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_marks" ADD CONSTRAINT "daily_marks_user_id_mark_date_fkey" FOREIGN KEY ("user_id", "mark_date") REFERENCES "daily_mark_days"("user_id", "mark_date") ON DELETE CASCADE ON UPDATE CASCADE;


-- Every user's runs and marks are theirs alone, like every user-owned table.
ALTER TABLE sync_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON sync_runs
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE daily_mark_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_mark_days FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON daily_mark_days
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE daily_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_marks FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON daily_marks
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
