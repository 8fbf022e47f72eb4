-- Makes stock trades first-class input: besides the stock delivered by assignments and exercises,
-- `stock_trades` now holds equity fills (Robinhood equity orders' executions and activity-report
-- Buy/Sell rows) with their fees, instant, settlement date, order id and raw order. `kind` tells the
-- two apart, so recompute never counts a delivered share twice. Also adds the equity-orders sync
-- watermark and `stock_marks`, the latest quote of each symbol (public data: no row-level security).
--
-- Every existing stock trade was written by the event sync with its event, so rows with an event
-- are deliveries and the rest (none, unless written by hand) trades. All new columns are nullable or
-- have a constant default: adding them rewrites nothing.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TYPE "StockTradeKind" AS ENUM ('DELIVERY', 'TRADE');

ALTER TABLE "stock_trades" ADD COLUMN "kind" "StockTradeKind" NOT NULL DEFAULT 'DELIVERY',
ADD COLUMN "fees" DECIMAL(24,8) NOT NULL DEFAULT 0,
ADD COLUMN "executed_at" TIMESTAMPTZ(3),
ADD COLUMN "settlement_date" DATE,
ADD COLUMN "broker_order_id" TEXT,
ADD COLUMN "raw" JSONB;

UPDATE "stock_trades" SET "kind" = 'TRADE' WHERE "event_id" IS NULL;

-- Writers always say which kind a row is.
ALTER TABLE "stock_trades" ALTER COLUMN "kind" DROP DEFAULT;

ALTER TABLE "sync_states" ADD COLUMN "stock_orders_watermark" TIMESTAMPTZ(3);

CREATE TABLE "stock_marks" (
    "symbol" TEXT NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "mark_price" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_marks_pkey" PRIMARY KEY ("symbol","as_of")
);
