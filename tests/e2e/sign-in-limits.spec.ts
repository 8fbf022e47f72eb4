import { expect, type Page, test } from "@playwright/test";

// Wrong passwords go to the simulated Robinhood (docs/SIMULATOR.md), whose request log shows which
// of them reached it. scripts/test-all.ts points ROBINHOOD_API_URL at it.
const robinhoodUrl = process.env.ROBINHOOD_API_URL ?? "";
const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(robinhoodUrl);
const NEEDS_SIMULATOR =
  "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)";

async function passwordGrants(page: Page): Promise<number> {
  const response = await page.request.get(
    `${robinhoodUrl}/__simulator/requests?path=/oauth2/token/&method=POST`,
  );
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { count: number }).count;
}

async function submitPassword(page: Page, username: string, password: string) {
  await page.getByLabel("Robinhood e-mail or username").fill(username);
  await page.getByLabel("Password").fill(password);
  // Every answer looks alike, so wait for the server action's own response before the next try.
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in",
  );
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await answered;
}

test("the 6th wrong password within 15 minutes is refused without asking Robinhood", async ({ page }) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  // A name nobody else uses in the run, so its count starts at zero.
  const username = `guessed-${Date.now()}@rollbook.dev`;
  const grantsBefore = await passwordGrants(page);
  await page.goto("/sign-in");

  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitPassword(page, username, `wrong-password-${attempt}`);
    await expect(page.locator(".alert.error"), `attempt ${attempt}`).toHaveText(
      "Robinhood did not accept this username and password.",
    );
  }
  // Typed differently, it is still the same account name.
  await submitPassword(page, ` ${username.toUpperCase()}`, "wrong-password-6");
  await expect(page.locator(".alert.error")).toHaveText("Too many attempts. Try again in 15 minutes.");
  await expect(page.getByLabel("Password")).toBeVisible();

  expect(await passwordGrants(page)).toBe(grantsBefore + 5);
});
