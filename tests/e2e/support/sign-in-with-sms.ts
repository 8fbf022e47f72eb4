import { expect, type Page } from "@playwright/test";

// The simulated Robinhood's SMS MFA user (docs/SIMULATOR.md): signs in without a sync, in seconds.
// It exists only when ROBINHOOD_API_URL points at the simulator, as scripts/test-all.ts arranges.
export const SMS_USER = "mfa-sms@rollbook.dev";
export const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(
  process.env.ROBINHOOD_API_URL ?? "",
);
export const NEEDS_SIMULATOR =
  "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)";

/** Signs the page's browser context in as the SMS MFA user and waits for the dashboard. */
export async function signInWithSms(page: Page): Promise<void> {
  await page.goto("/sign-in?callbackUrl=%2Fdashboard");
  await page.getByLabel("Robinhood e-mail or username").fill(SMS_USER);
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
}

/** Whether a visit to /dashboard shows the dashboard (true) or lands on the sign-in page (false). */
export async function dashboardOpens(page: Page): Promise<boolean> {
  const response = await page.goto("/dashboard");
  expect(response?.status(), "no server error").toBeLessThan(500);
  const url = new URL(page.url());
  if (url.pathname === "/dashboard") {
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    return true;
  }
  expect(url.pathname).toBe("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in with Robinhood");
  return false;
}
