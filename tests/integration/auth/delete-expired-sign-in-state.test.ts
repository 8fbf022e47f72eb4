import { describe, expect, it } from "vitest";
import { deleteExpiredSignInState } from "@/lib/server/auth/delete-expired-sign-in-state";
import { setUpTestDatabases } from "@/tests/support/test-database";

const databases = setUpTestDatabases();

describe("the cron's sweep of sign-in state", () => {
  it("deletes closed limiter windows, abandoned sign-ins and expired tickets, and nothing live", async () => {
    const { owner, db } = databases;
    await owner.query("TRUNCATE sign_in_limits, pending_logins, used_sign_in_tickets");
    const now = Date.now();
    await owner.query("INSERT INTO sign_in_limits VALUES ('account:old', 5, $1), ('account:live', 2, $2)", [
      now - 1,
      now + 60_000,
    ]);
    await owner.query(
      `INSERT INTO pending_logins VALUES ('old', to_timestamp($1 / 1000.0)), ('live', to_timestamp($2 / 1000.0))`,
      [now - 1, now + 60_000],
    );
    await owner.query(
      `INSERT INTO used_sign_in_tickets VALUES ('old', to_timestamp($1 / 1000.0)), ('live', to_timestamp($2 / 1000.0))`,
      [now - 1, now + 60_000],
    );

    expect(await deleteExpiredSignInState(db, now)).toBe(3);

    const left = await owner.query<{ key: string }>(
      `SELECT key FROM sign_in_limits UNION ALL SELECT id FROM pending_logins
       UNION ALL SELECT jti FROM used_sign_in_tickets ORDER BY 1`,
    );
    expect(left.rows.map((row) => row.key)).toEqual(["account:live", "live", "live"]);
  });
});
