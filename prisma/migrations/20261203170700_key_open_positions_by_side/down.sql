-- Rollback of key_open_positions_by_side. Fails while an account holds a long and a short position of
-- one contract; delete the user's open_positions first (recompute writes them again) to roll back.
DROP INDEX IF EXISTS "open_positions_user_id_account_id_instrument_id_side_key";
CREATE UNIQUE INDEX IF NOT EXISTS "open_positions_user_id_account_id_instrument_id_key" ON "open_positions"("user_id", "account_id", "instrument_id");
