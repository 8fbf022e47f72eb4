-- Sign-in state every instance of the app must share, so that limits and single use hold when more
-- than one server answers requests:
--   sign_in_limits        failed sign-in counters per account name and per client address
--                         (rate-limiter-flexible's PostgreSQL store; the app never lets it create
--                         the table itself);
--   pending_logins        one row per multi-step sign-in in progress; a step deletes the row before
--                         it uses the sealed cookie, so a copied cookie works once;
--   used_sign_in_tickets  sign-in tickets already exchanged for a session, until they expire.
-- None holds a user's data or a secret (keys are HMACs, ids random), so none has row-level security:
-- they are read before any user is known. New, empty tables: no lock on existing data.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- CreateTable
CREATE TABLE "sign_in_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "sign_in_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "pending_logins" (
    "id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pending_logins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "used_sign_in_tickets" (
    "jti" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "used_sign_in_tickets_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "sign_in_limits_expire_idx" ON "sign_in_limits"("expire");

-- CreateIndex
CREATE INDEX "pending_logins_expires_at_idx" ON "pending_logins"("expires_at");

-- CreateIndex
CREATE INDEX "used_sign_in_tickets_expires_at_idx" ON "used_sign_in_tickets"("expires_at");

-- The default privileges of enable_row_level_security already give rollbook_app these; stated here
-- because the sign-in path cannot work without them.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE sign_in_limits, pending_logins, used_sign_in_tickets TO rollbook_app;
