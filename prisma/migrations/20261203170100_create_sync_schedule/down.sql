-- Rollback of create_sync_schedule. Destroys every user's sync schedule (their backoff and any
-- "reconnect needed" mark), the Robinhood throttle and the record of cron ticks. Users, credentials
-- and synced data stay; without the schedule, data moves again only on "Sync now" and sign-in.
DROP TABLE IF EXISTS "cron_ticks";
DROP TABLE IF EXISTS "robinhood_throttle";
DROP TABLE IF EXISTS "sync_schedule";
