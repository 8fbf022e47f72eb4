-- Rollback of create_sign_in_state. Destroys the failed sign-in counters (every limit starts over),
-- the sign-ins in progress (their users enter the password again) and the record of used sign-in
-- tickets (tickets issued in the last minute could be exchanged once more).
DROP TABLE IF EXISTS "used_sign_in_tickets";
DROP TABLE IF EXISTS "pending_logins";
DROP TABLE IF EXISTS "sign_in_limits";
