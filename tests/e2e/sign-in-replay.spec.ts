import { expect, type Page, test } from "@playwright/test";

const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(process.env.ROBINHOOD_API_URL ?? "");

async function submitCode(page: Page, code: string) {
  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("a copied pending-login cookie works once: the replay is refused", async ({ browser, page }) => {
  test.skip(
    !simulated,
    "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)",
  );
  await page.goto("/sign-in");
  await page.getByLabel("Robinhood e-mail or username").fill("mfa-sms@rollbook.dev");
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await expect(page.getByText("Robinhood sent a verification code by text message.")).toBeVisible();

  // Someone copies the cookie that holds the sealed password while the code is awaited.
  const cookies = await page.context().cookies();
  const pending = cookies.find((cookie) => cookie.name === "rollbook_pending_login");
  expect(pending).toBeDefined();
  const copy = await browser.newContext();
  try {
    await copy.addCookies([pending as NonNullable<typeof pending>]);
    const replay = await copy.newPage();
    await replay.goto("/sign-in");
    await expect(replay.getByText("Robinhood sent a verification code by text message.")).toBeVisible();

    // The owner finishes first ...
    await submitCode(page, "123456");
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });

    // ... and the copy, the same code and all, gets nowhere.
    await submitCode(replay, "123456");
    await expect(replay.locator(".alert.error")).toHaveText(
      "This sign-in is no longer in progress. Enter your password again.",
    );
    await expect(replay.getByLabel("Password")).toBeVisible();
    await replay.goto("/dashboard");
    await expect(replay).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  } finally {
    await copy.close();
  }
});
