-- Rollback of isolate_demo_accounts. Destroys the demo users' expiry times (the demo users stay,
-- and no longer expire) and every simulated mark; demo users then read option_marks again, which
-- holds no simulated prices, so their open positions show no mark until the demo is opened again.
DROP TABLE IF EXISTS "demo_accounts";
DROP TABLE IF EXISTS "demo_option_marks";
