-- Corporate actions as an input of the P&L engine: renames (a SPAC merger re-rooting an underlying,
-- the activity report's OCA rows) and splits (SPL rows), which carry open option positions into
-- adjusted contracts without cash. Until now an import stored a rename as a close and an open at 0.
-- Also keeps the chain steps they produce (the engine's `RollChain.adjustments`) as JSON on each
-- chain, for the chain page: derived data, rewritten by every recompute.
--
-- The table is new and empty, so its indexes and foreign keys lock nothing that holds data; the new
-- column has a constant default, so adding it rewrites nothing.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TYPE "CorporateActionType" AS ENUM ('RENAME', 'SPLIT');

CREATE TABLE "corporate_actions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "broker_action_id" TEXT NOT NULL,
    "type" "CorporateActionType" NOT NULL,
    "effective_date" DATE NOT NULL,
    "symbol" TEXT NOT NULL,
    "new_symbol" TEXT,
    "shares_after" DECIMAL(24,8),
    "shares_before" DECIMAL(24,8),
    "import_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "corporate_actions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "corporate_actions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "corporate_actions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "broker_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "corporate_actions_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- A rename names its new symbol; a split its ratio, both sides positive (IS NOT NULL: a
    -- comparison with NULL would let the row pass).
    CONSTRAINT "corporate_actions_terms_check" CHECK (
      ("type" = 'RENAME' AND "new_symbol" IS NOT NULL AND "shares_after" IS NULL AND "shares_before" IS NULL)
      OR ("type" = 'SPLIT' AND "new_symbol" IS NULL AND "shares_after" IS NOT NULL
          AND "shares_before" IS NOT NULL AND "shares_after" > 0 AND "shares_before" > 0)
    )
);

CREATE INDEX "corporate_actions_account_id_idx" ON "corporate_actions"("account_id");

CREATE INDEX "corporate_actions_import_id_idx" ON "corporate_actions"("import_id");

CREATE UNIQUE INDEX "corporate_actions_user_id_broker_action_id_key" ON "corporate_actions"("user_id", "broker_action_id");

ALTER TABLE corporate_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE corporate_actions FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON corporate_actions
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());

ALTER TABLE "roll_chains" ADD COLUMN "adjustments" JSONB NOT NULL DEFAULT '[]';
