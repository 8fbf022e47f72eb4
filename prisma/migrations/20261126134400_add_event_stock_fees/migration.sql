-- Keeps the fees charged on stock delivered by an assignment or exercise, which an activity report
-- states (its stock row's Amount differs from price × quantity by them), so stock P&L from an import
-- is exact. A constant default: adding the column rewrites nothing, and existing events get 0 (what
-- recompute assumed for them until now).

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "option_events" ADD COLUMN "stock_fees" DECIMAL(24,8) NOT NULL DEFAULT 0;
