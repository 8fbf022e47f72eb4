-- Rollback of add_event_stock_fees. Destroys the stored stock fees of imported events; recompute
-- then assumes 0 again, and importing the files again restores them only after this is re-applied.
ALTER TABLE "option_events" DROP COLUMN IF EXISTS "stock_fees";
