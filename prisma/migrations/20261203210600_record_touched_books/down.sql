-- Rollback of record_touched_books. Destroys the books recorded since each user's last recompute and
-- the queue's full-recompute flags: run a full recompute of every queued user after rolling back
-- (the previous code replays every user's whole history anyway). The runs' as_of, synced_from and
-- scope_underlyings are lost.
DROP POLICY IF EXISTS user_isolation ON recompute_touched_books;
DROP TABLE IF EXISTS "recompute_touched_books";
ALTER TABLE "recompute_runs" DROP COLUMN IF EXISTS "synced_from",
DROP COLUMN IF EXISTS "scope_underlyings",
DROP COLUMN IF EXISTS "as_of";
ALTER TABLE "recompute_queue" DROP COLUMN IF EXISTS "full_recompute";
