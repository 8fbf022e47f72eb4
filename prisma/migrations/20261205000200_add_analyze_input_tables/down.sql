-- Rollback of add_analyze_input_tables. Destroys no data: the previous release leaves the input
-- tables' statistics to autovacuum.
DROP FUNCTION IF EXISTS app_analyze_input_tables(text[]);
