-- Row-level security on every table that holds a user's data. Policies are keyed on the
-- transaction-local setting `app.user_id`, set by lib/server/db/user-context.ts before any user-scoped
-- statement, so a query that forgets its `WHERE user_id = ...` still sees only that user's rows.
-- FORCE applies the policies to the table owner too; superusers and BYPASSRLS roles are the only
-- exception, which is why the app connects as the non-superuser role `rollbook_app`.
--
-- Not covered, on purpose: option_instruments and option_marks (public market data),
-- recompute_queue (ids and timestamps the scheduler must see for every user), account_deletions
-- (tombstones keyed by broker id), _prisma_migrations.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The app's role. Local set-up creates it with LOGIN before migrating; on a managed database this
-- creates a NOLOGIN role: grant it to the login the app uses (see docs/MIGRATIONS.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rollbook_app') THEN
    CREATE ROLE rollbook_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO rollbook_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rollbook_app;
-- The shadow database that `migrate dev` and `migrate diff` replay into has no _prisma_migrations.
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON TABLE _prisma_migrations FROM rollbook_app;
  END IF;
END
$$;
-- Tables created by later migrations get the same grants; their RLS is checked by a test.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rollbook_app;

-- NULLIF: after a transaction that set it ends, the setting reads as '' rather than NULL.
CREATE FUNCTION app_current_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

GRANT EXECUTE ON FUNCTION app_current_user_id() TO rollbook_app;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON users
  USING (id = app_current_user_id())
  WITH CHECK (id = app_current_user_id());

ALTER TABLE robinhood_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE robinhood_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON robinhood_credentials
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE broker_accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE broker_accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON broker_accounts
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE option_orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE option_orders FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON option_orders
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE option_legs ENABLE ROW LEVEL SECURITY;
ALTER TABLE option_legs FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON option_legs
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE option_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE option_executions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON option_executions
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE option_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE option_events FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON option_events
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE stock_trades ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_trades FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON stock_trades
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON imports
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON import_rows
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE sync_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_states FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON sync_states
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE recompute_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE recompute_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON recompute_runs
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE matched_lots ENABLE ROW LEVEL SECURITY;
ALTER TABLE matched_lots FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON matched_lots
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE open_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE open_positions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON open_positions
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE stock_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE stock_positions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON stock_positions
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE roll_chains ENABLE ROW LEVEL SECURITY;
ALTER TABLE roll_chains FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON roll_chains
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE roll_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE roll_links FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON roll_links
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE daily_pnl ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_pnl FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON daily_pnl
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
