-- Rollback of create_import_usage. Destroys the record of today's uploads: every user's daily
-- import allowance starts again from zero.
DROP POLICY IF EXISTS user_isolation ON import_usage;
DROP TABLE IF EXISTS "import_usage";
