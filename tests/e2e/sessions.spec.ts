import { type Browser, expect, type Page, test } from "@playwright/test";
import { dashboardOpens, NEEDS_SIMULATOR, signInWithSms, simulated } from "./support/sign-in-with-sms";

/** A second browser holding a copy of the first one's cookies: a stolen session cookie. */
async function copyOfSession(browser: Browser, page: Page): Promise<Page> {
  const thief = await browser.newContext();
  await thief.addCookies(await page.context().cookies());
  return thief.newPage();
}

test.describe("sessions end on the server", () => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  test.setTimeout(90_000);

  test("a copied session cookie stops working when its owner signs out", async ({ page, browser }) => {
    await signInWithSms(page);
    const thief = await copyOfSession(browser, page);
    expect(await dashboardOpens(thief)).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);

    expect(await dashboardOpens(thief)).toBe(false);
    // The session API agrees: the copied token names no user any more.
    const session = await (await thief.request.get("/api/auth/session")).json();
    expect(session?.user?.id).toBeUndefined();
    await thief.context().close();
  });

  test("Sign out everywhere ends the sessions of other browsers", async ({ page, browser }) => {
    await signInWithSms(page);
    const laptop = await (await browser.newContext()).newPage();
    await signInWithSms(laptop);
    const copied = await copyOfSession(browser, page);

    await page.goto("/settings");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    expect(await dashboardOpens(laptop)).toBe(false);
    expect(await dashboardOpens(copied)).toBe(false);
    expect(await dashboardOpens(page)).toBe(false);
    // Signing in again works and is not ended by the earlier sign-out.
    await signInWithSms(laptop);
    expect(await dashboardOpens(laptop)).toBe(true);
    await laptop.context().close();
    await copied.context().close();
  });

  test("a deleted account's other sessions land on the sign-in page, not an error", async ({
    page,
    browser,
  }) => {
    await signInWithSms(page);
    const other = await (await browser.newContext()).newPage();
    await signInWithSms(other);

    await page.goto("/settings");
    await page.getByLabel("Type DELETE to confirm").fill("DELETE");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=deleted$/);

    expect(await dashboardOpens(other)).toBe(false);
    for (const path of ["/settings", "/chains", "/positions", "/imports"]) {
      const response = await other.goto(path);
      expect(response?.status(), path).toBeLessThan(500);
      await expect(other, path).toHaveURL(/\/sign-in/);
    }
    await other.context().close();
  });
});
