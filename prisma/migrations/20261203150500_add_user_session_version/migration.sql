-- Adds users.session_version, the server-side half of every session. A session token carries the
-- version that was current when it was issued, and each authenticated request compares it with this
-- column (a primary-key read): signing out, "sign out everywhere" and deleting the account change or
-- remove the row, which ends every session of the user at once, copied cookies included.
-- A constant default: adding the column rewrites nothing. Existing users get 0, and tokens issued
-- before this migration carry no version, so they stop working and their holders sign in again.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "users" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;

-- The check runs on every authenticated request, so it is one statement (one round trip): set the
-- row-level-security context for the statement's own transaction, then read the row through the
-- policy like any app query. Inside a transaction already scoped to another user it refuses, rather
-- than switch that transaction's user.
CREATE FUNCTION app_session_version(p_user_id uuid) RETURNS integer
  LANGUAGE plpgsql VOLATILE
  AS $$
BEGIN
  IF NULLIF(current_setting('app.user_id', true), '') IS DISTINCT FROM NULL
     AND current_setting('app.user_id', true) <> p_user_id::text THEN
    RAISE EXCEPTION 'app_session_version: this transaction is scoped to another user';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true);
  RETURN (SELECT session_version FROM users WHERE id = p_user_id);
END
$$;

REVOKE ALL ON FUNCTION app_session_version(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_session_version(uuid) TO rollbook_app;
