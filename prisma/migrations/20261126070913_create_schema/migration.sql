-- Fail fast instead of queueing behind long-running queries (each migration is one transaction,
-- so SET LOCAL ends with it).
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateEnum
CREATE TYPE "OptionType" AS ENUM ('CALL', 'PUT');

-- CreateEnum
CREATE TYPE "OrderSide" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "PositionEffect" AS ENUM ('OPEN', 'CLOSE');

-- CreateEnum
CREATE TYPE "OptionEventType" AS ENUM ('EXPIRATION', 'ASSIGNMENT', 'EXERCISE');

-- CreateEnum
CREATE TYPE "DataSource" AS ENUM ('API', 'CSV');

-- CreateEnum
CREATE TYPE "ImportFormat" AS ENUM ('ACTIVITY_REPORT', 'ORDERS_EXPORT');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('PENDING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ImportRowStatus" AS ENUM ('USED', 'UNUSED', 'DUPLICATE');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('IDLE', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RecomputeStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "LotSide" AS ENUM ('LONG', 'SHORT');

-- CreateEnum
CREATE TYPE "LotCloseKind" AS ENUM ('TRADE', 'EXPIRATION', 'EXPIRATION_INFERRED', 'ASSIGNMENT', 'EXERCISE');

-- CreateEnum
CREATE TYPE "ChainStatus" AS ENUM ('OPEN', 'CLOSED', 'EXPIRED', 'ASSIGNED', 'EXERCISED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "robinhood_user_id" TEXT NOT NULL,
    "username" TEXT,
    "display_name" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "last_signed_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "robinhood_credentials" (
    "user_id" UUID NOT NULL,
    "device_token" TEXT NOT NULL,
    "access_token_encrypted" TEXT NOT NULL,
    "refresh_token_encrypted" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "encryption_key_version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "robinhood_credentials_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "account_deletions" (
    "robinhood_user_id" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_deletions_pkey" PRIMARY KEY ("robinhood_user_id")
);

-- CreateTable
CREATE TABLE "broker_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_number" TEXT NOT NULL,
    "account_type" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "broker_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_instruments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "robinhood_id" UUID,
    "underlying" TEXT NOT NULL,
    "expiration_date" DATE NOT NULL,
    "strike_price" DECIMAL(24,8) NOT NULL,
    "option_type" "OptionType" NOT NULL,
    "multiplier" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "option_instruments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_marks" (
    "instrument_id" UUID NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "mark_price" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "option_marks_pkey" PRIMARY KEY ("instrument_id","as_of")
);

-- CreateTable
CREATE TABLE "option_orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "broker_order_id" TEXT NOT NULL,
    "source" "DataSource" NOT NULL,
    "state" TEXT NOT NULL,
    "chain_symbol" TEXT NOT NULL,
    "direction" TEXT,
    "order_type" TEXT,
    "quantity" DECIMAL(24,8) NOT NULL,
    "processed_quantity" DECIMAL(24,8) NOT NULL,
    "limit_price" DECIMAL(24,8),
    "premium" DECIMAL(24,8),
    "processed_premium" DECIMAL(24,8),
    "net_amount" DECIMAL(24,8),
    "regulatory_fees" DECIMAL(24,8) NOT NULL DEFAULT 0,
    "contract_fees" DECIMAL(24,8) NOT NULL DEFAULT 0,
    "opening_strategy" TEXT,
    "closing_strategy" TEXT,
    "form_source" TEXT,
    "import_id" UUID,
    "broker_created_at" TIMESTAMPTZ(3) NOT NULL,
    "broker_updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "option_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_legs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "broker_leg_id" TEXT NOT NULL,
    "instrument_id" UUID NOT NULL,
    "side" "OrderSide" NOT NULL,
    "position_effect" "PositionEffect" NOT NULL,
    "ratio_quantity" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "option_legs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_executions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "leg_id" UUID NOT NULL,
    "broker_execution_id" TEXT NOT NULL,
    "price" DECIMAL(24,8) NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "fees" DECIMAL(24,8) NOT NULL DEFAULT 0,
    "executed_at" TIMESTAMPTZ(3) NOT NULL,
    "trade_date" DATE NOT NULL,
    "settlement_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "option_executions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "instrument_id" UUID NOT NULL,
    "broker_event_id" TEXT NOT NULL,
    "source" "DataSource" NOT NULL,
    "type" "OptionEventType" NOT NULL,
    "state" TEXT NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "event_date" DATE NOT NULL,
    "direction" TEXT,
    "total_cash_amount" DECIMAL(24,8),
    "underlying_price" DECIMAL(24,8),
    "import_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "option_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_trades" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "event_id" UUID,
    "broker_trade_id" TEXT NOT NULL,
    "source" "DataSource" NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "OrderSide" NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "price" DECIMAL(24,8) NOT NULL,
    "amount" DECIMAL(24,8) NOT NULL,
    "trade_date" DATE NOT NULL,
    "import_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_trades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "format" "ImportFormat" NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "imported_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "row_number" INTEGER NOT NULL,
    "row_hash" TEXT NOT NULL,
    "trans_code" TEXT,
    "status" "ImportRowStatus" NOT NULL,
    "reason" TEXT,
    "raw" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_states" (
    "user_id" UUID NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'IDLE',
    "orders_watermark" TIMESTAMPTZ(3),
    "events_watermark" TIMESTAMPTZ(3),
    "last_started_at" TIMESTAMPTZ(3),
    "last_finished_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "progress" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sync_states_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "recompute_queue" (
    "user_id" UUID NOT NULL,
    "robinhood_user_id" TEXT NOT NULL,
    "input_revision" INTEGER NOT NULL DEFAULT 1,
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_queue_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "recompute_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "engine_version" TEXT NOT NULL,
    "input_revision" INTEGER NOT NULL,
    "input_watermark" TIMESTAMPTZ(3),
    "status" "RecomputeStatus" NOT NULL,
    "trigger" TEXT NOT NULL,
    "execution_count" INTEGER NOT NULL DEFAULT 0,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "lot_count" INTEGER NOT NULL DEFAULT 0,
    "chain_count" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recompute_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "matched_lots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "instrument_id" UUID NOT NULL,
    "lot_key" TEXT NOT NULL,
    "chain_id" UUID,
    "side" "LotSide" NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "open_price" DECIMAL(24,8) NOT NULL,
    "close_price" DECIMAL(24,8) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,
    "close_trade_date" DATE NOT NULL,
    "close_kind" "LotCloseKind" NOT NULL,
    "fees" DECIMAL(24,8) NOT NULL,
    "realized_pnl" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "matched_lots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "open_positions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "instrument_id" UUID NOT NULL,
    "chain_id" UUID,
    "side" "LotSide" NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "average_open_price" DECIMAL(24,8) NOT NULL,
    "cost_basis" DECIMAL(24,8) NOT NULL,
    "mark_price" DECIMAL(24,8),
    "marked_at" TIMESTAMPTZ(3),
    "market_value" DECIMAL(24,8),
    "unrealized_pnl" DECIMAL(24,8),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "open_positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_positions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "symbol" TEXT NOT NULL,
    "quantity" DECIMAL(24,8) NOT NULL,
    "average_price" DECIMAL(24,8) NOT NULL,
    "realized_pnl" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roll_chains" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "chain_key" TEXT NOT NULL,
    "underlying" TEXT NOT NULL,
    "option_type" "OptionType" NOT NULL,
    "side" "LotSide" NOT NULL,
    "status" "ChainStatus" NOT NULL,
    "roll_count" INTEGER NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "days_held" INTEGER NOT NULL,
    "net_premium" DECIMAL(24,8) NOT NULL,
    "realized_pnl" DECIMAL(24,8) NOT NULL,
    "unrealized_pnl" DECIMAL(24,8),
    "breakeven_price" DECIMAL(24,8),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roll_chains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roll_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "chain_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "rolled_on" DATE NOT NULL,
    "from_instrument_id" UUID NOT NULL,
    "to_instrument_id" UUID NOT NULL,
    "closed_quantity" DECIMAL(24,8) NOT NULL,
    "opened_quantity" DECIMAL(24,8) NOT NULL,
    "kinds" TEXT[],
    "net_credit" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roll_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_pnl" (
    "user_id" UUID NOT NULL,
    "trade_date" DATE NOT NULL,
    "underlying" TEXT NOT NULL,
    "realized_pnl" DECIMAL(24,8) NOT NULL,
    "fees" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_pnl_pkey" PRIMARY KEY ("user_id","trade_date","underlying")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_robinhood_user_id_key" ON "users"("robinhood_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "broker_accounts_user_id_account_number_key" ON "broker_accounts"("user_id", "account_number");

-- CreateIndex
CREATE UNIQUE INDEX "option_instruments_robinhood_id_key" ON "option_instruments"("robinhood_id");

-- CreateIndex
CREATE INDEX "option_instruments_underlying_expiration_date_idx" ON "option_instruments"("underlying", "expiration_date");

-- CreateIndex
CREATE UNIQUE INDEX "option_instruments_underlying_expiration_date_strike_price__key" ON "option_instruments"("underlying", "expiration_date", "strike_price", "option_type", "multiplier");

-- CreateIndex
CREATE INDEX "option_orders_user_id_broker_updated_at_idx" ON "option_orders"("user_id", "broker_updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "option_orders_user_id_broker_order_id_key" ON "option_orders"("user_id", "broker_order_id");

-- CreateIndex
CREATE INDEX "option_legs_order_id_idx" ON "option_legs"("order_id");

-- CreateIndex
CREATE INDEX "option_legs_instrument_id_idx" ON "option_legs"("instrument_id");

-- CreateIndex
CREATE UNIQUE INDEX "option_legs_user_id_broker_leg_id_key" ON "option_legs"("user_id", "broker_leg_id");

-- CreateIndex
CREATE INDEX "option_executions_leg_id_idx" ON "option_executions"("leg_id");

-- CreateIndex
CREATE INDEX "option_executions_user_id_executed_at_idx" ON "option_executions"("user_id", "executed_at");

-- CreateIndex
CREATE UNIQUE INDEX "option_executions_user_id_broker_execution_id_key" ON "option_executions"("user_id", "broker_execution_id");

-- CreateIndex
CREATE INDEX "option_events_user_id_event_date_idx" ON "option_events"("user_id", "event_date");

-- CreateIndex
CREATE INDEX "option_events_instrument_id_idx" ON "option_events"("instrument_id");

-- CreateIndex
CREATE UNIQUE INDEX "option_events_user_id_broker_event_id_key" ON "option_events"("user_id", "broker_event_id");

-- CreateIndex
CREATE INDEX "stock_trades_event_id_idx" ON "stock_trades"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_trades_user_id_broker_trade_id_key" ON "stock_trades"("user_id", "broker_trade_id");

-- CreateIndex
CREATE INDEX "imports_user_id_created_at_idx" ON "imports"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "imports_user_id_file_sha256_key" ON "imports"("user_id", "file_sha256");

-- CreateIndex
CREATE INDEX "import_rows_import_id_row_number_idx" ON "import_rows"("import_id", "row_number");

-- CreateIndex
CREATE UNIQUE INDEX "import_rows_user_id_row_hash_key" ON "import_rows"("user_id", "row_hash");

-- CreateIndex
CREATE INDEX "recompute_queue_queued_at_idx" ON "recompute_queue"("queued_at");

-- CreateIndex
CREATE INDEX "recompute_runs_user_id_started_at_idx" ON "recompute_runs"("user_id", "started_at");

-- CreateIndex
CREATE INDEX "matched_lots_user_id_close_trade_date_idx" ON "matched_lots"("user_id", "close_trade_date");

-- CreateIndex
CREATE INDEX "matched_lots_chain_id_idx" ON "matched_lots"("chain_id");

-- CreateIndex
CREATE INDEX "matched_lots_instrument_id_idx" ON "matched_lots"("instrument_id");

-- CreateIndex
CREATE UNIQUE INDEX "matched_lots_user_id_lot_key_key" ON "matched_lots"("user_id", "lot_key");

-- CreateIndex
CREATE INDEX "open_positions_chain_id_idx" ON "open_positions"("chain_id");

-- CreateIndex
CREATE INDEX "open_positions_instrument_id_idx" ON "open_positions"("instrument_id");

-- CreateIndex
CREATE UNIQUE INDEX "open_positions_user_id_account_id_instrument_id_key" ON "open_positions"("user_id", "account_id", "instrument_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_positions_user_id_account_id_symbol_key" ON "stock_positions"("user_id", "account_id", "symbol");

-- CreateIndex
CREATE INDEX "roll_chains_user_id_underlying_idx" ON "roll_chains"("user_id", "underlying");

-- CreateIndex
CREATE UNIQUE INDEX "roll_chains_user_id_chain_key_key" ON "roll_chains"("user_id", "chain_key");

-- CreateIndex
CREATE INDEX "roll_links_user_id_idx" ON "roll_links"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "roll_links_chain_id_sequence_key" ON "roll_links"("chain_id", "sequence");

-- AddForeignKey
ALTER TABLE "robinhood_credentials" ADD CONSTRAINT "robinhood_credentials_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "broker_accounts" ADD CONSTRAINT "broker_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_marks" ADD CONSTRAINT "option_marks_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_orders" ADD CONSTRAINT "option_orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_orders" ADD CONSTRAINT "option_orders_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "broker_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_orders" ADD CONSTRAINT "option_orders_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_legs" ADD CONSTRAINT "option_legs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_legs" ADD CONSTRAINT "option_legs_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "option_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_legs" ADD CONSTRAINT "option_legs_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_executions" ADD CONSTRAINT "option_executions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_executions" ADD CONSTRAINT "option_executions_leg_id_fkey" FOREIGN KEY ("leg_id") REFERENCES "option_legs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_events" ADD CONSTRAINT "option_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_events" ADD CONSTRAINT "option_events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "broker_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_events" ADD CONSTRAINT "option_events_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_events" ADD CONSTRAINT "option_events_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "broker_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "option_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recompute_queue" ADD CONSTRAINT "recompute_queue_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recompute_runs" ADD CONSTRAINT "recompute_runs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matched_lots" ADD CONSTRAINT "matched_lots_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matched_lots" ADD CONSTRAINT "matched_lots_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "matched_lots" ADD CONSTRAINT "matched_lots_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_positions" ADD CONSTRAINT "open_positions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_positions" ADD CONSTRAINT "open_positions_instrument_id_fkey" FOREIGN KEY ("instrument_id") REFERENCES "option_instruments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "open_positions" ADD CONSTRAINT "open_positions_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_positions" ADD CONSTRAINT "stock_positions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roll_chains" ADD CONSTRAINT "roll_chains_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roll_links" ADD CONSTRAINT "roll_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roll_links" ADD CONSTRAINT "roll_links_chain_id_fkey" FOREIGN KEY ("chain_id") REFERENCES "roll_chains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_pnl" ADD CONSTRAINT "daily_pnl_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

