-- Adds users.session_version, the server-side half of every session. A session token carries the
-- version that was current when it was issued, and each authenticated request compares it with this
-- column (a primary-key read): signing out, "sign out everywhere" and deleting the account change or
-- remove the row, which ends every session of the user at once, copied cookies included.
-- A constant default: adding the column rewrites nothing. Existing users get 0, and tokens issued
-- before this migration carry no version, so they stop working and their holders sign in again.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
