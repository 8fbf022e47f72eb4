-- The stock ledger now holds every share a trader bought or sold, not only shares that option events
-- delivered, so its open positions are valued like option positions (cost basis, mark, market value,
-- unrealized P&L), and the wheel gets a table of its own: one row per cycle of cash-secured puts,
-- assignment, shares, covered calls and called away, per account and underlying. Both are derived
-- rows, owned and rewritten by recompute. The new stock columns are nullable or have a constant
-- default, so adding them rewrites nothing; the next recompute fills them.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateEnum
CREATE TYPE "WheelCycleStatus" AS ENUM ('OPEN', 'CLOSED');

-- AlterTable
ALTER TABLE "stock_positions" ADD COLUMN     "cost_basis" DECIMAL(24,8) NOT NULL DEFAULT 0,
ADD COLUMN     "mark_price" DECIMAL(24,8),
ADD COLUMN     "market_value" DECIMAL(24,8),
ADD COLUMN     "opened_on" DATE,
ADD COLUMN     "unrealized_pnl" DECIMAL(24,8);

-- CreateTable
CREATE TABLE "wheel_cycles" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "cycle_key" TEXT NOT NULL,
    "underlying" TEXT NOT NULL,
    "status" "WheelCycleStatus" NOT NULL,
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "days" INTEGER NOT NULL,
    "premium_collected" DECIMAL(24,8) NOT NULL,
    "option_realized" DECIMAL(24,8) NOT NULL,
    "stock_realized" DECIMAL(24,8) NOT NULL,
    "realized_pnl" DECIMAL(24,8) NOT NULL,
    "shares_held" DECIMAL(24,8) NOT NULL,
    "cost_basis" DECIMAL(24,8),
    "net_cost_basis_per_share" DECIMAL(24,8),
    "capital_tied_up" DECIMAL(24,8) NOT NULL,
    "return_on_capital" DECIMAL(24,8),
    "puts_assigned" DECIMAL(24,8) NOT NULL,
    "calls_assigned" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wheel_cycles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wheel_cycles_user_id_started_on_idx" ON "wheel_cycles"("user_id", "started_on");

-- CreateIndex
CREATE UNIQUE INDEX "wheel_cycles_user_id_cycle_key_key" ON "wheel_cycles"("user_id", "cycle_key");

-- AddForeignKey
ALTER TABLE "wheel_cycles" ADD CONSTRAINT "wheel_cycles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE wheel_cycles ENABLE ROW LEVEL SECURITY;
ALTER TABLE wheel_cycles FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON wheel_cycles
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
