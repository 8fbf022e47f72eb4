-- Rollback of add_raw_broker_json. Destroys the stored Robinhood JSON of orders and events; every
-- column Rollbook reads is kept, and the next full sync does not need it.
ALTER TABLE "option_events" DROP COLUMN IF EXISTS "raw";
ALTER TABLE "option_orders" DROP COLUMN IF EXISTS "raw";
