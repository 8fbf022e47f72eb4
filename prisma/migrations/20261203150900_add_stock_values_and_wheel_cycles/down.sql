-- Rollback of add_stock_values_and_wheel_cycles. Destroys the derived wheel cycles and the stock
-- positions' valuation columns; both are rebuilt by the next recompute once this is re-applied.
DROP POLICY IF EXISTS user_isolation ON wheel_cycles;
DROP TABLE IF EXISTS "wheel_cycles";
ALTER TABLE "stock_positions" DROP COLUMN IF EXISTS "unrealized_pnl",
DROP COLUMN IF EXISTS "opened_on",
DROP COLUMN IF EXISTS "market_value",
DROP COLUMN IF EXISTS "mark_price",
DROP COLUMN IF EXISTS "cost_basis";
DROP TYPE IF EXISTS "WheelCycleStatus";
