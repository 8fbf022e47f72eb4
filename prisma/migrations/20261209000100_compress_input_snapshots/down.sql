-- Back to saved inputs as JSON text. The compressed ones are dropped (the earlier code cannot read
-- them); each user's next recompute writes them again.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

TRUNCATE recompute_input_snapshots;

ALTER TABLE recompute_input_snapshots
  ALTER COLUMN data TYPE TEXT USING convert_from(data, 'UTF8'),
  ALTER COLUMN data SET STORAGE EXTERNAL;
