-- Adds users.data_version: which state of a user's data the pages show. Every transaction that
-- changes what pages read (a sync's or an import's write, a recompute) sets it to a new value from
-- one sequence in the same transaction (lib/server/db/bump-data-version.ts), and the server caches
-- page reads under (user, data version) (lib/server/cache/): a new value makes every cached read of
-- the user stale at once, on every server instance, and committing it with the change means no read
-- can see the change under the old version.
-- Values come from a sequence shared by all users, so a value is never reused: an account deleted
-- and signed up again (same user id) can never meet a read cached for its earlier life.
-- Existing users get the constant 0 (adding the column rewrites nothing); only rows inserted after
-- this migration take the sequence's default.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE SEQUENCE "users_data_version_seq" AS BIGINT START WITH 1;
ALTER TABLE "users" ADD COLUMN "data_version" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "users" ALTER COLUMN "data_version" SET DEFAULT nextval('users_data_version_seq');
ALTER SEQUENCE "users_data_version_seq" OWNED BY "users"."data_version";
GRANT USAGE ON SEQUENCE "users_data_version_seq" TO rollbook_app;

-- Read on every cached page read, so it is one statement (one round trip), as app_session_version
-- is: set the row-level-security context for the statement's own transaction, then read the row
-- through the policy. Inside a transaction already scoped to another user it refuses.
CREATE FUNCTION app_data_version(p_user_id uuid) RETURNS bigint
  LANGUAGE plpgsql VOLATILE
  AS $$
BEGIN
  IF NULLIF(current_setting('app.user_id', true), '') IS DISTINCT FROM NULL
     AND current_setting('app.user_id', true) <> p_user_id::text THEN
    RAISE EXCEPTION 'app_data_version: this transaction is scoped to another user';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true);
  RETURN (SELECT data_version FROM users WHERE id = p_user_id);
END
$$;

REVOKE ALL ON FUNCTION app_data_version(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_data_version(uuid) TO rollbook_app;
