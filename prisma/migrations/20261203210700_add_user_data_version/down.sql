-- Rollback of add_user_data_version. Destroys every user's data version: the previous release caches
-- no page reads, so nothing depends on it.
DROP FUNCTION IF EXISTS app_data_version(uuid);
ALTER TABLE "users" DROP COLUMN IF EXISTS "data_version";
DROP SEQUENCE IF EXISTS "users_data_version_seq";
