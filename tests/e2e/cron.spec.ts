import { expect, test } from "@playwright/test";

test("the cron route refuses requests without the bearer secret", async ({ request }) => {
  const anonymous = await request.get("/api/cron/tick");
  expect(anonymous.status()).toBe(401);
  const wrong = await request.get("/api/cron/tick", {
    headers: { Authorization: "Bearer wrong-secret" },
  });
  expect(wrong.status()).toBe(401);
});

test("the cron route runs a recompute tick for the scheduler", async ({ request }) => {
  const response = await request.get("/api/cron/tick", {
    headers: { Authorization: `Bearer ${process.env.CRON_SECRET}` },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ ok: true, failed: 0, budgetExhausted: false });
  expect(typeof body.recomputed).toBe("number");
});
