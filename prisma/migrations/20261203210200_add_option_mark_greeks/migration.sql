-- Keeps the Greeks that Robinhood's options market data sends with every mark (delta, gamma, theta,
-- vega, rho and implied volatility, per share of one contract), which sync used to drop: the Risk page
-- shows them per open position and in dollars for the portfolio. Both mark tables get them, the
-- demo's simulated one too. Nullable columns without a default: adding them rewrites nothing, and a
-- mark stored before this migration simply has no Greeks (the next sync's mark has them).

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "option_marks" ADD COLUMN "delta" DECIMAL(24,8),
ADD COLUMN "gamma" DECIMAL(24,8),
ADD COLUMN "theta" DECIMAL(24,8),
ADD COLUMN "vega" DECIMAL(24,8),
ADD COLUMN "rho" DECIMAL(24,8),
ADD COLUMN "implied_volatility" DECIMAL(24,8);

ALTER TABLE "demo_option_marks" ADD COLUMN "delta" DECIMAL(24,8),
ADD COLUMN "gamma" DECIMAL(24,8),
ADD COLUMN "theta" DECIMAL(24,8),
ADD COLUMN "vega" DECIMAL(24,8),
ADD COLUMN "rho" DECIMAL(24,8),
ADD COLUMN "implied_volatility" DECIMAL(24,8);
