import { expect, test } from "@playwright/test";
import { openDemoAsNewVisitor } from "./support/open-demo";

const simulatorUrl = () => {
  const url = process.env.DEMO_ROBINHOOD_URL;
  if (!url) throw new Error("DEMO_ROBINHOOD_URL names the simulated Robinhood in end-to-end runs");
  return url;
};

async function addFault(rule: object) {
  const response = await fetch(`${simulatorUrl()}/__simulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rule),
  });
  expect(response.ok).toBe(true);
}

async function clearFaults() {
  await fetch(`${simulatorUrl()}/__simulator/faults`, { method: "DELETE" });
}

test.afterEach(async () => {
  await clearFaults();
});

test("the status read answers only a signed-in user, and is never cached", async ({ browser, request }) => {
  test.setTimeout(200_000);
  const anonymous = await request.get("/api/status");
  expect(anonymous.status()).toBe(401);

  const page = (await openDemoAsNewVisitor(browser, "/")).page;
  const response = await page.request.get("/api/status");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(await response.json()).toMatchObject({
    sync: { status: "SUCCEEDED", error: null, progress: { phase: "succeeded" } },
    recompute: { status: "SUCCEEDED" },
  });
});

test("a sync started in another tab shows its progress here, and the run history updates without a reload", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const watcher = (await openDemoAsNewVisitor(browser, "/")).page;
  await watcher.getByRole("link", { name: "Runs" }).click();
  await expect(watcher.getByRole("heading", { name: "Runs", level: 1 })).toBeVisible();
  const syncRows = watcher.locator('tr[data-kind="sync"]');
  await expect(syncRows).toHaveCount(1);
  await expect(syncRows.first()).toContainText("demo");
  await expect(watcher.getByTestId("data-age")).toHaveText(/^Synced (just now|\d+ min ago)/);
  // Set on this document: still there at the end means the page was never reloaded.
  await watcher.evaluate(() => {
    (window as unknown as { untouched: boolean }).untouched = true;
  });

  // Another tab syncs, and Robinhood fails on the options events (read in full by every sync).
  const other = await watcher.context().newPage();
  await other.goto("/dashboard");
  await addFault({ path: "/options/events/", times: null, fault: { kind: "status", status: 503 } });
  await other.getByRole("button", { name: "Sync now" }).click();
  await expect(other.getByRole("alert").filter({ hasText: /^Sync failed/ })).toBeVisible({ timeout: 60_000 });
  await clearFaults();

  await watcher.bringToFront();
  const failed = watcher.locator('tr[data-kind="sync"]', { hasText: "Failed" });
  await expect(failed).toHaveCount(1, { timeout: 30_000 });
  await expect(failed).toContainText("Robinhood is having problems right now. Try again later.");
  await expect(watcher.getByRole("status").filter({ hasText: /^A sync failed/ })).toBeVisible();

  // The other tab syncs again; Robinhood makes it wait 12 s on the events, long enough for this tab's
  // poll to see it running, with its real progress.
  await addFault({
    path: "/options/events/",
    fault: { kind: "throttle", seconds: 12, retryAfterHeader: true, detailSeconds: false },
  });
  await other.getByRole("button", { name: "Sync now" }).click();
  await watcher.bringToFront();
  await expect(watcher.getByTestId("data-age")).toHaveText(
    /^Syncing… Fetching expirations and assignments · \d+ pages?, \d+ orders/,
    {
      timeout: 20_000,
    },
  );
  await expect(other.getByRole("status").filter({ hasText: /^Synced \d+ orders/ })).toBeVisible({
    timeout: 90_000,
  });

  await watcher.bringToFront();
  await expect(watcher.locator('tr[data-kind="sync"]', { hasText: "Succeeded" })).toHaveCount(2, {
    timeout: 30_000,
  });
  await expect(watcher.locator('tr[data-kind="sync"]').first()).toContainText("Succeeded");
  await expect(watcher.locator('tr[data-kind="sync"]').first()).toContainText("manual");
  await expect(watcher.getByTestId("data-age")).toHaveText(/^Synced just now/);
  expect(await watcher.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
});

test("the dashboard chart draws realized P&L and the equity curve, with a range kept in the URL", async ({
  browser,
}) => {
  test.setTimeout(200_000);
  const page = (await openDemoAsNewVisitor(browser, "/")).page;
  const chart = page.getByRole("img", {
    name: /Cumulative realized P&L from .*; equity \(realized \+ unrealized\) on/,
  });
  await expect(chart).toBeVisible();
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  await expect(page.locator(".chart-legend")).toContainText("Equity (realized + unrealized)");

  // Exact figures in the tooltip of the newest day (today: marks stored by the demo's sync).
  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "1M" }).click();
  await expect(page).toHaveURL(/\/dashboard\?range=1M$/);
  const grid = await chart.locator(".recharts-cartesian-grid").boundingBox();
  if (!grid) throw new Error("the chart has no plot area");
  await page.mouse.move(grid.x + grid.width - 2, grid.y + grid.height / 2);
  const tooltip = page.locator(".chart-tooltip");
  await expect(tooltip).toContainText("Realized");
  await expect(tooltip).toContainText("Equity");
  await expect(tooltip.locator("dd").first()).toHaveText(/^-?\$[\d,]+\.\d{2}$/);

  await page.getByRole("navigation", { name: "Chart range" }).getByRole("link", { name: "3M" }).click();
  await expect(page).toHaveURL(/\/dashboard\?range=3M$/);
  await expect(page.getByRole("link", { name: "3M" })).toHaveAttribute("aria-current", "true");
  await expect(chart.locator(".recharts-line")).toHaveCount(2);

  await page.goto("/dashboard?range=bogus");
  await expect(page.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "true");

  // On a 390 px phone the chart fits the screen and its axis labels stay at a readable size.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(chart.locator(".recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const width = await chart.evaluate((element) => element.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(390);
  const fontSize = await chart
    .locator(".recharts-cartesian-axis-tick-value")
    .first()
    .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(12);
});
