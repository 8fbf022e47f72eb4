-- Rollback of add_stock_trade_fills. Destroys every equity fill (synced equity orders and imported
-- Buy/Sell rows: `kind` = TRADE), the stored stock quotes and the equity-orders watermark; deliveries
-- of assignments and exercises stay. Syncing and importing again after re-applying restores them.
DROP TABLE IF EXISTS "stock_marks";
ALTER TABLE "sync_states" DROP COLUMN IF EXISTS "stock_orders_watermark";
DELETE FROM "stock_trades" WHERE "kind" = 'TRADE';
ALTER TABLE "stock_trades" DROP COLUMN IF EXISTS "raw",
DROP COLUMN IF EXISTS "broker_order_id",
DROP COLUMN IF EXISTS "settlement_date",
DROP COLUMN IF EXISTS "executed_at",
DROP COLUMN IF EXISTS "fees",
DROP COLUMN IF EXISTS "kind";
DROP TYPE IF EXISTS "StockTradeKind";
