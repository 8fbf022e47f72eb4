-- Rollback of add_corporate_actions. Destroys every stored rename and split and the chains' stored
-- steps; importing the files again after re-applying it brings the actions back, and a recompute the
-- steps. Until then, recompute treats renamed positions as unrelated contracts.
ALTER TABLE "roll_chains" DROP COLUMN IF EXISTS "adjustments";
DROP TABLE IF EXISTS "corporate_actions";
DROP TYPE IF EXISTS "CorporateActionType";
