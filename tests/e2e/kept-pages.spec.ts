import { expect, type Response, test } from "@playwright/test";
import { openDemoAsNewVisitor } from "./support/open-demo";

// A page that nothing changed since it was rendered is sent again as it was, with the request's own
// nonce (lib/server/page-cache). The server says which it did in `x-page-cache`.
const keptOrRendered = (response: Response | null) => response?.headers()["x-page-cache"];
const nonceOf = (response: Response | null) =>
  response?.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];

test.describe("kept pages", () => {
  test.setTimeout(240_000);

  test("a page loaded again is the kept one, under a nonce of its own, and still runs", async ({
    browser,
  }) => {
    const { context, page } = await openDemoAsNewVisitor(browser);
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });

    const first = await page.goto("/chains");
    expect(keptOrRendered(first)).toBe("miss");
    const rows = await page.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(5);

    const again = await page.reload();
    expect(keptOrRendered(again)).toBe("hit");
    expect(await page.locator("tbody tr").count()).toBe(rows);
    // Every script of the kept document carries this response's nonce, not the one it was rendered with.
    const nonce = nonceOf(again);
    expect(nonce).toBeTruthy();
    expect(nonce).not.toBe(nonceOf(first));
    const html = await again?.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toContain(nonceOf(first));
    // The security headers are the page's as ever.
    expect(again?.headers()["x-frame-options"]).toBe("DENY");

    // Its scripts ran: the app navigates on the client (the marker survives: no new document).
    await page.evaluate(() => {
      (window as unknown as { keptMarker: number }).keptMarker = 1;
    });
    await page.getByRole("link", { name: "Positions", exact: true }).click();
    await expect(page).toHaveURL(/\/positions$/);
    await expect(page.getByRole("heading", { name: "Positions", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { keptMarker?: number }).keptMarker)).toBe(1);
    expect(refused).toEqual([]);
    await context.close();
  });

  test("a hard reload and a change to the data render the page again", async ({ browser }) => {
    const { context, page } = await openDemoAsNewVisitor(browser);
    await page.goto("/dashboard");
    expect(keptOrRendered(await page.reload())).toBe("hit");

    // A hard reload asks for a fresh copy: rendered, neither kept nor served from what was.
    await page.setExtraHTTPHeaders({ "cache-control": "no-cache" });
    expect(keptOrRendered(await page.reload())).toBeUndefined();
    await page.setExtraHTTPHeaders({});
    expect(keptOrRendered(await page.reload())).toBe("hit");

    // A recompute gives the user's data a new version: the next load renders.
    await page.getByRole("button", { name: "Recompute now" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: /^Recomputed \d+ fills into \d+ chains/ }),
    ).toBeVisible({ timeout: 60_000 });
    expect(keptOrRendered(await page.reload())).toBe("miss");
    expect(keptOrRendered(await page.reload())).toBe("hit");

    // Another theme is another document.
    const theme = page.getByRole("button", { name: /^Theme:/ });
    await theme.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    const themed = await page.reload();
    expect(keptOrRendered(themed)).toBe("miss");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await context.close();
  });

  test("a kept page is never served to a session that has ended", async ({ browser }) => {
    const { context, page } = await openDemoAsNewVisitor(browser);
    // A copy of the session cookie in another browser, whose dashboard is kept.
    const copy = await browser.newContext();
    await copy.addCookies(await context.cookies());
    const other = await copy.newPage();
    await other.goto("/dashboard");
    expect(keptOrRendered(await other.reload())).toBe("hit");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);

    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/sign-in/);
    await expect(other.getByRole("heading", { name: "Dashboard", level: 1 })).toHaveCount(0);
    await copy.close();
    await context.close();
  });
});
