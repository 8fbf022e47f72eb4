import { beforeEach, describe, expect, it } from "vitest";
import {
  issueSignInTicket,
  SIGN_IN_TICKET_TTL_MS,
  verifySignInTicket,
} from "@/lib/server/auth/sign-in-ticket";
import { usedTicketGuard } from "@/lib/server/auth/used-ticket-guard";
import { createAppDb, setUpTestDatabases } from "@/tests/support/test-database";

const databases = setUpTestDatabases();
const secret = "test-only-nextauth-secret-000000000000000";
const claims = {
  userId: "2f1d0c4e-9a7b-5c3d-8e2f-1a0b9c8d7e6f",
  robinhoodUserId: "8fdeb6d8-0a7a-457a-b869-e9f3dc92e44a",
};

beforeEach(async () => {
  await databases.owner.query("TRUNCATE used_sign_in_tickets");
});

describe("sign-in ticket single use", () => {
  it("refuses a ticket on a second instance once the first has exchanged it", async () => {
    const other = createAppDb();
    try {
      const ticket = issueSignInTicket(claims, { secret });
      const first = await verifySignInTicket(ticket, { secret, replayGuard: usedTicketGuard(databases.db) });
      expect(first).toEqual({ ok: true, claims });
      const replay = await verifySignInTicket(ticket, { secret, replayGuard: usedTicketGuard(other) });
      expect(replay).toEqual({ ok: false, reason: "already-used" });
    } finally {
      await other.$disconnect();
    }
  });

  it("accepts exactly one of several simultaneous uses", async () => {
    const ticket = issueSignInTicket(claims, { secret });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        verifySignInTicket(ticket, { secret, replayGuard: usedTicketGuard(databases.db) }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.reason === "already-used")).toHaveLength(7);
  });

  it("records only genuine tickets, and deletes the record of expired ones", async () => {
    const forged = `${issueSignInTicket(claims, { secret: `${secret}-other` })}`;
    expect(
      (await verifySignInTicket(forged, { secret, replayGuard: usedTicketGuard(databases.db) })).ok,
    ).toBe(false);
    const count = async () =>
      (await databases.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM used_sign_in_tickets"))
        .rows[0]?.n;
    expect(await count()).toBe(0);

    const now = Date.now();
    const old = issueSignInTicket(claims, { secret, now: now - SIGN_IN_TICKET_TTL_MS + 1_000 });
    await verifySignInTicket(old, { secret, now: now - 500, replayGuard: usedTicketGuard(databases.db) });
    expect(await count()).toBe(1);
    // The next use, after the old ticket expired, takes its row away.
    const fresh = issueSignInTicket(claims, { secret, now });
    await verifySignInTicket(fresh, { secret, now: now + 1_000, replayGuard: usedTicketGuard(databases.db) });
    expect(await count()).toBe(1);
  });
});
