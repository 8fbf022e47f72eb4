import { expect, type Page, test } from "@playwright/test";

// Sign-in flows of the simulated Robinhood's test users (docs/SIMULATOR.md), which exist only when
// ROBINHOOD_API_URL points at the simulator, as scripts/test-all.ts arranges.
const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(process.env.ROBINHOOD_API_URL ?? "");
const NEEDS_SIMULATOR =
  "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)";

async function enterPassword(page: Page, username: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Robinhood e-mail or username").fill(username);
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
}

test("the legacy challenge: choose text message, then enter the code", async ({ page }) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  await enterPassword(page, "challenge@rollbook.dev");
  await expect(page.getByText("Where should it send a code?")).toBeVisible();
  await page.getByRole("button", { name: "Text message" }).click();
  await expect(page.getByText("Robinhood sent a verification code by text message.")).toBeVisible();
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
});

test("the verification workflow with an app prompt signs in once the prompt is approved", async ({
  page,
}) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  await enterPassword(page, "verify-prompt@rollbook.dev");
  await expect(
    page.getByText("Open the Robinhood app on your phone and approve this sign-in."),
  ).toBeVisible();
  // The simulator approves on the second look; the page looks by itself every few seconds.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
});

test("the verification workflow with an e-mailed code, and Start over returns to the password", async ({
  page,
}) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  await enterPassword(page, "verify-email@rollbook.dev");
  await expect(page.getByText("Robinhood sent a verification code by e-mail.")).toBeVisible();
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.getByLabel("Password")).toBeVisible();

  await enterPassword(page, "verify-email@rollbook.dev");
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
});

test("deleting the account signs out and removes it", async ({ page }) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  await enterPassword(page, "verify-sms@rollbook.dev");
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });

  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByLabel("Type DELETE to confirm").fill("delete");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.locator(".alert.error")).toHaveText("Type DELETE in capitals to confirm.");

  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=deleted$/);
  await expect(page.getByText("This Rollbook account was deleted.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

test("signing out ends the session", async ({ page }) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  await enterPassword(page, "verify-sms@rollbook.dev");
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/positions");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fpositions$/);
});
