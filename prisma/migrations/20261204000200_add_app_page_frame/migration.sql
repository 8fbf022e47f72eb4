-- Adds app_page_frame(user): what the frame of every app page reads about the signed-in user, in one
-- statement (one round trip) instead of a session-version read, three read-only transactions (account
-- summary, freshness, reconnect state) and a data-version read per page: the session version (checked
-- against the cookie's), the data version (the key of the page's cached reads), who is signed in, whether
-- Robinhood refused the stored sign-in, and where the user's sync and recompute stand.
-- Like app_session_version and app_data_version, it sets the row-level-security context of the
-- statement's own transaction and reads through the policies; inside a transaction already scoped to
-- another user it refuses. No row: the user does not exist.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE FUNCTION app_page_frame(p_user_id uuid)
  RETURNS TABLE (
    session_version integer,
    data_version text,
    username text,
    display_name text,
    is_demo boolean,
    demo_expires_at timestamptz,
    reconnect_needed_since timestamptz,
    sync_status text,
    sync_progress jsonb,
    sync_started_at timestamptz,
    sync_finished_at timestamptz,
    sync_error text,
    last_success_at timestamptz,
    recompute_status text,
    recompute_finished_at timestamptz,
    recompute_created_at timestamptz
  )
  LANGUAGE plpgsql VOLATILE
  AS $$
#variable_conflict use_column
BEGIN
  IF NULLIF(current_setting('app.user_id', true), '') IS DISTINCT FROM NULL
     AND current_setting('app.user_id', true) <> p_user_id::text THEN
    RAISE EXCEPTION 'app_page_frame: this transaction is scoped to another user';
  END IF;
  PERFORM set_config('app.user_id', p_user_id::text, true);
  -- The freshness part is lib/server/queries/get-freshness-status.ts's query: primary-key and index
  -- lookups (sync_states by user, the newest sync_runs success and recompute_runs row by
  -- (user_id, started_at)), whatever the size of the history.
  RETURN QUERY
  SELECT u.session_version::integer, u.data_version::text, u.username::text, u.display_name::text,
         u.is_demo::boolean, d.expires_at::timestamptz, sch.reconnect_needed_since::timestamptz,
         s.status::text, s.progress::jsonb, s.last_started_at::timestamptz, s.last_finished_at::timestamptz,
         s.last_error::text,
         coalesce(
           (SELECT sr.finished_at FROM sync_runs sr
            WHERE sr.user_id = p_user_id AND sr.outcome = 'SUCCEEDED'
            ORDER BY sr.started_at DESC LIMIT 1),
           CASE WHEN s.status = 'SUCCEEDED' THEN s.last_finished_at END
         )::timestamptz,
         r.status::text, r.finished_at::timestamptz, r.created_at::timestamptz
  FROM users u
  LEFT JOIN demo_accounts d ON d.user_id = u.id
  LEFT JOIN sync_schedule sch ON sch.user_id = u.id
  LEFT JOIN sync_states s ON s.user_id = u.id
  LEFT JOIN LATERAL (
    SELECT rr.status, rr.finished_at, rr.created_at FROM recompute_runs rr
    WHERE rr.user_id = p_user_id ORDER BY rr.started_at DESC LIMIT 1
  ) r ON true
  WHERE u.id = p_user_id;
END
$$;

REVOKE ALL ON FUNCTION app_page_frame(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_page_frame(uuid) TO rollbook_app;
