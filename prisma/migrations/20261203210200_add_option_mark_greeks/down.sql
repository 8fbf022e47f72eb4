-- Rollback of add_option_mark_greeks. Destroys the stored Greeks and implied volatilities of every
-- mark (real and demo); the marks themselves stay. Syncs after re-applying store them again.
ALTER TABLE "demo_option_marks" DROP COLUMN IF EXISTS "implied_volatility",
DROP COLUMN IF EXISTS "rho",
DROP COLUMN IF EXISTS "vega",
DROP COLUMN IF EXISTS "theta",
DROP COLUMN IF EXISTS "gamma",
DROP COLUMN IF EXISTS "delta";

ALTER TABLE "option_marks" DROP COLUMN IF EXISTS "implied_volatility",
DROP COLUMN IF EXISTS "rho",
DROP COLUMN IF EXISTS "vega",
DROP COLUMN IF EXISTS "theta",
DROP COLUMN IF EXISTS "gamma",
DROP COLUMN IF EXISTS "delta";
