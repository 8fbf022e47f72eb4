import { describe, expect, it } from "vitest";
import {
  createReplayGuard,
  issueSignInTicket,
  SIGN_IN_TICKET_TTL_MS,
  verifySignInTicket,
} from "@/lib/server/auth/sign-in-ticket";

const secret = "test-only-nextauth-secret-000000000000000";
const claims = {
  userId: "2f1d0c4e-9a7b-5c3d-8e2f-1a0b9c8d7e6f",
  robinhoodUserId: "8fdeb6d8-0a7a-457a-b869-e9f3dc92e44a",
};
const now = Date.parse("2026-11-26T12:00:00Z");

async function verify(ticket: string, options: { at?: number; secret?: string } = {}) {
  return verifySignInTicket(ticket, {
    secret: options.secret ?? secret,
    now: options.at ?? now + 1_000,
    replayGuard: createReplayGuard(),
  });
}

describe("sign-in tickets", () => {
  it("carry the Rollbook and Robinhood user ids and nothing else readable as a secret", async () => {
    const ticket = issueSignInTicket(claims, { secret, now });
    expect(ticket.startsWith("rbt1.")).toBe(true);
    expect(ticket).not.toContain(secret);
    expect(await verify(ticket)).toEqual({ ok: true, claims });
  });

  it("expire sixty seconds after they are issued", async () => {
    const ticket = issueSignInTicket(claims, { secret, now });
    expect((await verify(ticket, { at: now + SIGN_IN_TICKET_TTL_MS - 1 })).ok).toBe(true);
    expect(await verify(ticket, { at: now + SIGN_IN_TICKET_TTL_MS })).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("can be used once", async () => {
    const ticket = issueSignInTicket(claims, { secret, now });
    const replayGuard = createReplayGuard();
    const options = { secret, now: now + 1_000, replayGuard };
    expect((await verifySignInTicket(ticket, options)).ok).toBe(true);
    expect(await verifySignInTicket(ticket, options)).toEqual({ ok: false, reason: "already-used" });
  });

  it("refuse a ticket signed with another secret", async () => {
    const ticket = issueSignInTicket(claims, { secret: `${secret}-other`, now });
    expect(await verify(ticket)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuse altered claims, even when the signature is kept", async () => {
    const ticket = issueSignInTicket(claims, { secret, now });
    const [version, payload, signature] = ticket.split(".");
    const json = JSON.parse(Buffer.from(payload as string, "base64url").toString("utf8"));
    const forged = Buffer.from(JSON.stringify({ ...json, rh: "someone-else" })).toString("base64url");
    expect(await verify(`${version}.${forged}.${signature}`)).toEqual({ ok: false, reason: "bad-signature" });
    const flipped = `${signature?.startsWith("A") ? "B" : "A"}${signature?.slice(1)}`;
    expect(await verify(`${version}.${payload}.${flipped}`)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuse anything that is not a ticket", async () => {
    for (const junk of ["", "rbt1", "rbt1..", "rbt2.a.b", "rbt1.a.b.c", "not a ticket"]) {
      expect(await verify(junk)).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
