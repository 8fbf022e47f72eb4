-- Rollback of drop_redundant_derived_indexes. Destroys no data; rebuilding the indexes reads every
-- matched lot and chain once.
CREATE UNIQUE INDEX IF NOT EXISTS "roll_chains_user_id_chain_key_key" ON "roll_chains"("user_id", "chain_key");
CREATE INDEX IF NOT EXISTS "matched_lots_instrument_id_idx" ON "matched_lots"("instrument_id");
CREATE UNIQUE INDEX IF NOT EXISTS "matched_lots_user_id_lot_key_key" ON "matched_lots"("user_id", "lot_key");
