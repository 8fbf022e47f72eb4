import { expect, test } from "@playwright/test";

// Robinhood users other than the demo sign in against ROBINHOOD_API_URL. In the end-to-end run it
// must point at the simulated Robinhood (docs/SIMULATOR.md) for these users and codes to exist.
const robinhoodUrl = process.env.ROBINHOOD_API_URL ?? "";
const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(robinhoodUrl);

test("a wrong password shows Robinhood's refusal on the sign-in page", async ({ page }) => {
  test.skip(
    !simulated,
    "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)",
  );
  await page.goto("/sign-in");
  await page.getByLabel("Robinhood e-mail or username").fill("mfa-sms@rollbook.dev");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await expect(page.locator(".alert.error")).toHaveText(
    "Robinhood did not accept this username and password.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
  // The form is still there for another try, with the username kept.
  await expect(page.getByLabel("Robinhood e-mail or username")).toHaveValue("mfa-sms@rollbook.dev");
});

test("a Robinhood user with SMS MFA signs in with the code, and the first sync starts by itself", async ({
  page,
}) => {
  test.skip(
    !simulated,
    "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)",
  );
  test.setTimeout(120_000);
  await page.goto("/sign-in?callbackUrl=%2Fdashboard");
  await page.getByLabel("Robinhood e-mail or username").fill("mfa-sms@rollbook.dev");
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();

  await expect(page.getByText("Robinhood sent a verification code by text message.")).toBeVisible();
  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator(".alert.error")).toContainText("That verification code was not accepted.");

  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  await expect(page.locator(".account-name")).toHaveAttribute("title", "mfa-sms@rollbook.dev");
  // Nothing to click: the sign-in started the sync (its progress shows while it runs), and the
  // dashboard fills in by itself when it is done.
  await expect(page.getByRole("heading", { name: "By underlying" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("heading", { name: "Syncing your Robinhood history" })).toHaveCount(0);
  await page.goto("/runs");
  await expect(page.locator('tr[data-kind="sync"]').filter({ hasText: "sign-in" }).first()).toBeVisible();
  await page.goto("/dashboard");

  // Sync now still pulls again on demand.
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Synced \d+ orders/ })).toBeVisible({
    timeout: 90_000,
  });
  await expect(page.getByRole("heading", { name: "By underlying" })).toBeVisible();
});
