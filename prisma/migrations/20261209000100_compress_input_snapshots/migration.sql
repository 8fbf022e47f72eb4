-- Saved inputs are stored compressed (Brotli), compressed on the app's side while the server writes
-- the recompute's rows, when it would otherwise wait: 17.7 MB of JSON for a 100,000-fill history
-- took 0.3–0.45 s to store and is 3.6 MB compressed, stored in about 0.05 s (docs/RECOMPUTE.md,
-- "Saved inputs, compressed"). The stored ones (JSON text, format 1) are dropped: a saved input is
-- a cache of rows kept elsewhere, and each user's next recompute that reads whole underlyings
-- writes it again.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Not subject to row-level security, unlike DELETE: every user's saved inputs go.
TRUNCATE recompute_input_snapshots;

-- The table is empty by now: nothing is rewritten under the lock.
-- squawk-ignore changing-column-type
ALTER TABLE recompute_input_snapshots ALTER COLUMN data TYPE BYTEA USING convert_to(data, 'UTF8');

-- Kept out of line and not compressed again by the server (the new type took bytea's default).
ALTER TABLE recompute_input_snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
