-- Rollback of add_analyze_derived_tables. Destroys no data: the previous release never refreshes
-- statistics itself and leaves them to autovacuum.
DROP FUNCTION IF EXISTS app_analyze_derived_tables(text[]);
