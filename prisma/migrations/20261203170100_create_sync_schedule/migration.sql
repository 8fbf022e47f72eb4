-- Scheduled sync. The cron syncs every Robinhood-linked user on a schedule (lib/server/scheduled-sync/).
--
-- - sync_schedule: when each user is due, failures in a row and the last failure's code (for the
--   backoff), and whether Robinhood refused their refresh token (reconnect needed). Ids, timestamps
--   and codes only, read by the scheduler across users, so no row-level security (like
--   recompute_queue). Every user with a stored credential who is not a demo user is scheduled now.
-- - robinhood_throttle: at most one row, set when Robinhood asks every client to wait (429).
-- - cron_ticks: what each cron tick did, for operators. Counts only.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE "sync_schedule" (
    "user_id" UUID NOT NULL,
    "robinhood_user_id" TEXT NOT NULL,
    "next_sync_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure" TEXT,
    "last_failed_at" TIMESTAMPTZ(3),
    "reconnect_needed_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_schedule_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "robinhood_throttle" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "endpoint" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "robinhood_throttle_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "cron_ticks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "users_due" INTEGER NOT NULL,
    "claimed" INTEGER NOT NULL,
    "synced" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "reconnect_needed" INTEGER NOT NULL,
    "skipped_for_budget" INTEGER NOT NULL,
    "throttled_until" TIMESTAMPTZ(3),
    "recomputed" INTEGER NOT NULL,
    "recompute_failed" INTEGER NOT NULL,
    "demo_accounts_deleted" INTEGER NOT NULL,
    "budget_exhausted" BOOLEAN NOT NULL,

    CONSTRAINT "cron_ticks_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sync_schedule_next_sync_at_idx" ON "sync_schedule"("next_sync_at");

CREATE INDEX "cron_ticks_started_at_idx" ON "cron_ticks"("started_at");

ALTER TABLE "sync_schedule" ADD CONSTRAINT "sync_schedule_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The default privileges of enable_row_level_security already give rollbook_app these; stated here
-- because the cron cannot work without them.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE sync_schedule, robinhood_throttle, cron_ticks TO rollbook_app;

-- users and robinhood_credentials force row-level security on their owner too, so the owner sees no
-- row without a user context. Lift that for this one read, inside this transaction: nothing else
-- sees the gap. Everyone already linked is due at once; the first tick spreads them over its budget.
ALTER TABLE "users" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "robinhood_credentials" NO FORCE ROW LEVEL SECURITY;
INSERT INTO "sync_schedule" ("user_id", "robinhood_user_id", "next_sync_at")
  SELECT u."id", u."robinhood_user_id", now()
  FROM "users" u JOIN "robinhood_credentials" c ON c."user_id" = u."id"
  WHERE NOT u."is_demo";
ALTER TABLE "robinhood_credentials" FORCE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
