-- Demo isolation. Until now every demo visitor shared one user: anyone could import into it, see the
-- others' uploads or delete it, and its syncs wrote simulated prices into option_marks, which real
-- users' recomputes read.
--
-- - demo_accounts: each demo visitor gets a user of their own (identity `demo:<uuid>`) and a row
--   here saying when it expires; the cron deletes expired demo users (their rows cascade). Ids and
--   timestamps only, read by the scheduler across users, so no row-level security (like
--   recompute_queue).
-- - demo_option_marks: mark prices from the simulated Robinhood, apart from Robinhood's. Demo users'
--   recomputes read only these, real users' only option_marks.
-- - The one shared demo user is scheduled for deletion at once (expires now). Marks it wrote into
--   option_marks before this migration carry no source and stay; a real sync's newer mark of the
--   same contract supersedes them (recompute reads the latest).

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE "demo_option_marks" (
    "instrument_id" UUID NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "mark_price" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "demo_option_marks_pkey" PRIMARY KEY ("instrument_id","as_of")
);

CREATE TABLE "demo_accounts" (
    "user_id" UUID NOT NULL,
    "robinhood_user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "demo_accounts_pkey" PRIMARY KEY ("user_id")
);

CREATE INDEX "demo_accounts_expires_at_idx" ON "demo_accounts"("expires_at");

ALTER TABLE "demo_option_marks" ADD CONSTRAINT "demo_option_marks_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "demo_accounts" ADD CONSTRAINT "demo_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- users forces row-level security on its owner too, so the owner sees no user without a user
-- context. Lift that for this one read, inside this transaction: nothing else sees the gap.
ALTER TABLE "users" NO FORCE ROW LEVEL SECURITY;
INSERT INTO "demo_accounts" ("user_id", "robinhood_user_id", "expires_at")
  SELECT "id", "robinhood_user_id", now() FROM "users" WHERE "is_demo";
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
