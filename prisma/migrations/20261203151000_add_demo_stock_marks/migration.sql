-- Stock quotes from the simulated Robinhood behind the demo, apart from Robinhood's: a demo user's
-- sync writes here and its recompute reads only here, while real users read only stock_marks, so a
-- simulated price can never reach a real user's stock P&L (the same split as demo_option_marks).
-- Public data shared by demo users: no row-level security, like stock_marks.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateTable
CREATE TABLE "demo_stock_marks" (
    "symbol" TEXT NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "mark_price" DECIMAL(24,8) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "demo_stock_marks_pkey" PRIMARY KEY ("symbol","as_of")
);
