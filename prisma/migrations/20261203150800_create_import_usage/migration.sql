-- Records the bytes each user uploads for import, so an upload that would go over the daily
-- allowance (IMPORT_BYTES_PER_DAY) is refused before the file is read. Every upload let through
-- counts, refused files included: reading a hostile 20 MB file is the cost being limited. A new,
-- empty table: nothing existing is locked beyond the brief lock that adds the foreign key to users.

SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE "import_usage" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "byte_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_usage_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "import_usage_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "import_usage_user_id_created_at_idx" ON "import_usage"("user_id", "created_at");

-- A user's usage is theirs alone, like every user-owned table.
ALTER TABLE import_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY user_isolation ON import_usage
  USING (user_id = app_current_user_id())
  WITH CHECK (user_id = app_current_user_id());
