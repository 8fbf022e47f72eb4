-- An account can hold a long and a short lot of one contract at once (two merged histories, odd
-- broker data): the engine keeps both, and the old key (user, account, instrument) made the whole
-- recompute fail with a duplicate key. The key now includes the side, so both positions are stored.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- open_positions is derived (recompute rewrites it) and holds only the contracts users have open,
-- hundreds of rows per user: swapping its key in the migration's transaction locks it for moments, and
-- a concurrent index build or drop cannot run inside that transaction.
-- squawk-ignore require-concurrent-index-deletion
DROP INDEX "open_positions_user_id_account_id_instrument_id_key";

-- squawk-ignore require-concurrent-index-creation
CREATE UNIQUE INDEX "open_positions_user_id_account_id_instrument_id_side_key" ON "open_positions"("user_id", "account_id", "instrument_id", "side");
