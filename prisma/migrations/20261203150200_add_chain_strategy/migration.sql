-- Labels each roll chain with the strategy it opened with (legs opened together now share one
-- chain), keeps the legs closed early (legging out) and the broker's opening_strategy of the order
-- that opened it, so the chains list can filter by label and the chain page show both. Recompute
-- writes all three; existing chains keep a null label and no leg-outs until the next recompute.
-- Nullable columns and a constant default: adding them rewrites nothing.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE "roll_chains" ADD COLUMN "strategy" TEXT;
ALTER TABLE "roll_chains" ADD COLUMN "leg_outs" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "roll_chains" ADD COLUMN "opening_strategy" TEXT;
