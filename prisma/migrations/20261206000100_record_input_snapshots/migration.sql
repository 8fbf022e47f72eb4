-- A never-flat underlying's inputs dated before a day, as the engine reads them, so a recompute the
-- same week reads only the rows dated from that day on (docs/RECOMPUTE.md, "Saved inputs"). A new
-- table: nothing existing is rewritten; a user without one reads whole underlyings once, which writes it.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateTable. `data` is written whole and read whole, often: stored uncompressed (compressing
-- megabytes of JSON cost more than the bytes saved).
CREATE TABLE "recompute_input_snapshots" (
    "user_id" UUID NOT NULL,
    "underlying" TEXT NOT NULL,
    "first_day" DATE NOT NULL,
    "before_day" DATE NOT NULL,
    "synced_from" DATE,
    "fills" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "data" TEXT STORAGE EXTERNAL NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_input_snapshots_pkey" PRIMARY KEY ("user_id","underlying")
);

-- AddForeignKey
ALTER TABLE "recompute_input_snapshots" ADD CONSTRAINT "recompute_input_snapshots_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A user's saved inputs are that user's alone, like every other user-owned table.
ALTER TABLE recompute_input_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE recompute_input_snapshots FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON recompute_input_snapshots
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE recompute_input_snapshots TO rollbook_app;
