-- Incremental recompute (docs/RECOMPUTE.md): sync and import record the books (account × option
-- contract, account × stock symbol) they wrote in recompute_touched_books, in the same transaction as
-- the raw rows, and the next recompute replays only those books' underlyings. A change that names no
-- book (an import removed, events voided, corporate actions) sets recompute_queue.full_recompute. Each
-- run records the trading date it valued at and the first synced trading date it counted from: while
-- either changes, the recompute replays the whole history. New table, and nullable or constant-default
-- columns: nothing existing is rewritten.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- AlterTable
ALTER TABLE "recompute_queue" ADD COLUMN "full_recompute" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "recompute_runs" ADD COLUMN "as_of" DATE,
ADD COLUMN "scope_underlyings" INTEGER,
ADD COLUMN "synced_from" DATE;

-- CreateTable
CREATE TABLE "recompute_touched_books" (
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "book" TEXT NOT NULL,
    "underlying" TEXT NOT NULL,
    "touched_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_touched_books_pkey" PRIMARY KEY ("user_id","account_id","book")
);

-- CreateIndex
CREATE INDEX "recompute_touched_books_account_id_idx" ON "recompute_touched_books"("account_id");

-- AddForeignKey
ALTER TABLE "recompute_touched_books" ADD CONSTRAINT "recompute_touched_books_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recompute_touched_books" ADD CONSTRAINT "recompute_touched_books_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "broker_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A user's books are that user's alone, like every other user-owned table.
ALTER TABLE recompute_touched_books ENABLE ROW LEVEL SECURITY;
ALTER TABLE recompute_touched_books FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON recompute_touched_books
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE recompute_touched_books TO rollbook_app;
