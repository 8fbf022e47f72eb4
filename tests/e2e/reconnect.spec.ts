import { expect, test } from "@playwright/test";
import { NEEDS_SIMULATOR, SMS_USER, signInWithSms, simulated } from "./support/sign-in-with-sms";

const simulatorUrl = process.env.ROBINHOOD_API_URL ?? "";
const cron = { Authorization: `Bearer ${process.env.CRON_SECRET}` };

test.describe("reconnect needed", () => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  test.setTimeout(120_000);

  test("a refused Robinhood sign-in shows a banner on every page, and signing in again clears it", async ({
    page,
    request,
  }) => {
    await signInWithSms(page);
    const banner = page.getByRole("alert").filter({ hasText: "Reconnect Robinhood" });
    await expect(banner).toHaveCount(0);

    // Robinhood forgets every session (as after a password change): the stored access and refresh
    // tokens both stop working. The next scheduled sync finds out.
    expect((await request.post(`${simulatorUrl}/__simulator/reset`, { data: { auth: true } })).ok()).toBe(
      true,
    );
    const tick = await request.get("/api/cron/tick", { headers: cron });
    expect(tick.status()).toBe(200);
    expect((await tick.json()).sync.reconnectNeeded).toBeGreaterThanOrEqual(1);

    for (const path of ["/dashboard", "/positions", "/settings"]) {
      await page.goto(path);
      await expect(banner, path).toBeVisible();
    }

    await banner.getByRole("link", { name: "Sign in to Robinhood again" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=reconnect$/);
    await expect(page.getByText("Everything already in Rollbook is kept")).toBeVisible();
    await page.getByLabel("Robinhood e-mail or username").fill(SMS_USER);
    await page.getByLabel("Password").fill("rollbook-test");
    await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
    await page.getByLabel("Verification code").fill("123456");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(banner).toHaveCount(0);

    // The scheduler takes the user back: the next tick syncs with the new tokens.
    const resumed = await request.get("/api/cron/tick", { headers: cron });
    expect((await resumed.json()).sync.reconnectNeeded).toBe(0);
  });
});
