-- Recompute writes every derived row, so each index on a derived table costs every recompute; keep
-- only those a query needs. Dropped: matched_lots (user_id, lot_key) and roll_chains (user_id,
-- chain_key), whose ids are derived from those same keys (the primary key already holds each lot and
-- chain once), and matched_lots (instrument_id), which no query reads (instruments are never deleted,
-- so the foreign key never looks lots up by instrument).

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- A plain DROP INDEX takes the table's lock only for the moment of the drop; a concurrent drop cannot
-- run in the migration's transaction, and these derived tables are only written by recompute.
-- squawk-ignore require-concurrent-index-deletion
DROP INDEX "matched_lots_user_id_lot_key_key";

-- squawk-ignore require-concurrent-index-deletion
DROP INDEX "matched_lots_instrument_id_idx";

-- squawk-ignore require-concurrent-index-deletion
DROP INDEX "roll_chains_user_id_chain_key_key";
