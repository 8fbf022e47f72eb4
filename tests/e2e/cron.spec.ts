import { expect, test } from "@playwright/test";

test("the cron route refuses requests without the bearer secret", async ({ request }) => {
  const anonymous = await request.get("/api/cron/tick");
  expect(anonymous.status()).toBe(401);
  const wrong = await request.get("/api/cron/tick", {
    headers: { Authorization: "Bearer wrong-secret" },
  });
  expect(wrong.status()).toBe(401);
});

test("the cron route runs a tick for the scheduler: scheduled syncs, then recomputes", async ({
  request,
}) => {
  const response = await request.get("/api/cron/tick", {
    headers: { Authorization: `Bearer ${process.env.CRON_SECRET}` },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, failed: 0, budgetExhausted: false });
  expect(typeof body.recomputed).toBe("number");
  expect(body.sync).toMatchObject({ usersDue: expect.any(Number), claimed: expect.any(Number) });
});

test("operators read the recorded ticks behind the same secret", async ({ request }) => {
  expect((await request.get("/api/cron/ticks")).status()).toBe(401);
  const headers = { Authorization: `Bearer ${process.env.CRON_SECRET}` };
  expect((await request.get("/api/cron/tick", { headers })).status()).toBe(200);

  const response = await request.get("/api/cron/ticks?limit=1", { headers });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.ticks).toHaveLength(1);
  expect(body.ticks[0]).toMatchObject({
    usersDue: expect.any(Number),
    claimed: expect.any(Number),
    synced: expect.any(Number),
    failed: expect.any(Number),
    skippedForBudget: expect.any(Number),
    durationMs: expect.any(Number),
  });
});
