import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

/**
 * Opens the demo account from the sign-in page and waits until the dashboard has rendered. The first
 * sync runs before the redirect; the first render then reads figures nothing has cached yet, which
 * on a loaded two-core machine takes longer than an assertion's default five seconds.
 */
export async function openDemo(page: Page, from: "/" | "/sign-in" = "/sign-in"): Promise<void> {
  await page.goto(from);
  await page.getByRole("button", { name: "Open the demo account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 150_000 });
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible({ timeout: 60_000 });
}

/** Opens the demo in a fresh browser context: a visitor of its own, with its own demo account. */
export async function openDemoAsNewVisitor(
  browser: Browser,
  from: "/" | "/sign-in" = "/sign-in",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openDemo(page, from);
  return { context, page };
}
