-- Rollback of add_chain_strategy. Destroys the chains' strategy labels, leg-outs and broker opening
-- strategies; they are derived rows, so re-applying the migration and recomputing restores them.
ALTER TABLE "roll_chains" DROP COLUMN IF EXISTS "opening_strategy";
ALTER TABLE "roll_chains" DROP COLUMN IF EXISTS "leg_outs";
ALTER TABLE "roll_chains" DROP COLUMN IF EXISTS "strategy";
