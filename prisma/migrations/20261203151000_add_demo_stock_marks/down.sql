-- Rollback of add_demo_stock_marks. Destroys the demo's simulated stock quotes; the next demo sync
-- writes them again once this is re-applied.
DROP TABLE IF EXISTS "demo_stock_marks";
