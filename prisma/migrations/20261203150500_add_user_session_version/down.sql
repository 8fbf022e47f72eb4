-- Rollback of add_user_session_version. Destroys every user's session version: the previous release
-- does not check it, so sessions that were signed out (and cookies copied from them) work again until
-- their tokens expire.
DROP FUNCTION IF EXISTS app_session_version(uuid);
ALTER TABLE "users" DROP COLUMN IF EXISTS "session_version";
