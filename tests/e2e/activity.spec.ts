import { readFile } from "node:fs/promises";
import { expect as baseExpect, test } from "@playwright/test";
import { displayMoney } from "@/lib/money";
import { openDemo } from "./support/open-demo";

// Pages are waited for generously: the shared test machine is often heavily loaded.
const expect = baseExpect.configure({ timeout: 30_000 });

/** "+$1,234.56" and "$1,234.56" name the same figure: compare without sign marks of gains. */
const figure = (text: string | null) => (text ?? "").trim().replace(/^\+/, "");

test("clicking a realized figure reaches the fills whose sum it is", async ({ page }) => {
  test.setTimeout(300_000);
  await openDemo(page);

  // The dashboard's realized total: its lots add up to it.
  const total = page.getByTestId("realized-total");
  const shown = figure(await total.textContent());
  expect(shown).toMatch(/\$[\d,]+\.\d{2}/);
  await total.click();
  await expect(page).toHaveURL(/\/activity\/lots$/);
  expect(figure(await page.getByTestId("lots-total").textContent())).toBe(shown);

  // One underlying's realized, from the dashboard's table.
  await page.goto("/dashboard");
  const table = page.getByRole("table", { name: "P&L by underlying" });
  const cell = table.locator("tbody tr").first().locator("td").first();
  const underlyingFigure = figure(await cell.textContent());
  await cell.getByRole("link").click();
  await expect(page).toHaveURL(/\/activity\/lots\?underlying=/);
  expect(figure(await page.getByTestId("lots-total").textContent())).toBe(underlyingFigure);

  // A chain's realized on the chains list and on the chain page.
  await page.goto("/chains?status=closed");
  const chainRealized = page.locator("a[href^='/activity/lots?chain=']").first();
  const chainFigure = figure(await chainRealized.textContent());
  await chainRealized.click();
  await expect(page).toHaveURL(/\/activity\/lots\?chain=/);
  expect(figure(await page.getByTestId("lots-total").textContent())).toBe(chainFigure);

  // Each lot links to the fill that opened it, on its order's page, which names Robinhood's order id.
  const opening = page.locator("a[href*='#fill-']").first();
  const href = (await opening.getAttribute("href")) ?? "";
  await opening.click();
  await expect(page).toHaveURL(/\/activity\/orders\/[0-9a-f-]{36}#fill-[0-9a-f-]{36}$/);
  await expect(page.locator(`[id="${href.split("#")[1]}"]`)).toBeVisible();
  await expect(page.getByTestId("broker-order-id")).not.toBeEmpty();

  // A calendar day's figure.
  await page.goto("/calendar");
  await page.locator("table.calendar a").last().click();
  const dayFigure = figure(await page.getByTestId("day-total").textContent());
  await page.getByTestId("day-total").getByRole("link").click();
  await expect(page).toHaveURL(/\/activity\/lots\?day=\d{4}-\d{2}-\d{2}$/);
  expect(figure(await page.getByTestId("lots-total").textContent())).toBe(dayFigure);

  // Unknown ids are not found. (The status line is sent before the page streams, behind the app's
  // loading screen, so the not-found page is what is asserted.)
  const unknown = "00000000-0000-4000-8000-000000000000";
  for (const path of [`/activity/orders/${unknown}`, `/activity/lots?chain=${unknown}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
});

test("the activity filters and pages in SQL, and its CSV export's total equals the page's", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openDemo(page);
  await page.getByRole("link", { name: "Activity", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Activity", level: 1 })).toBeVisible();
  const count = async () =>
    Number.parseInt((await page.getByTestId("activity-count").textContent()) ?? "", 10);
  const all = await count();
  expect(all).toBeGreaterThan(50);
  // The table's own rows: an order's fills unfold in a table of their own inside its row.
  const rows = page.locator("[role='region'][aria-label='Activity'] > table > tbody > tr");
  await expect(rows).toHaveCount(50);

  // The next page: other rows, the same total.
  const firstIds = await rows.evaluateAll((list) => list.map((row) => row.textContent));
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/page=2/);
  expect(await count()).toBe(all);
  const secondIds = await rows.evaluateAll((list) => list.map((row) => row.textContent));
  expect(secondIds[0]).not.toBe(firstIds[0]);

  // Filter to expirations: every row is one, fewer than all.
  await page.goto("/activity");
  await page.getByLabel("Type").selectOption("expiration");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/type=expiration/);
  const expirations = await count();
  expect(expirations).toBeGreaterThan(0);
  expect(expirations).toBeLessThan(all);
  expect(new Set(await rows.evaluateAll((list) => list.map((row) => row.getAttribute("data-kind"))))).toEqual(
    new Set(["expiration"]),
  );

  // An order filled in pieces is one row whose fills unfold under it, with the leg's average price.
  await page.goto("/activity?type=order");
  const pieces = page.locator("[role='region'][aria-label='Activity'] > table > tbody > tr", {
    hasText: /1 leg, [2-9]\d* fills/,
  });
  expect(await pieces.count()).toBeGreaterThan(0);
  await pieces.first().locator("summary").click();
  await expect(pieces.first().getByTestId("leg-average")).toContainText("avg");
  expect(await pieces.first().locator("tr[id^='fill-']").count()).toBeGreaterThan(1);

  // Orders of one underlying: the export has the same rows' cash as its total.
  await page.goto("/activity?type=order");
  const underlying =
    (await page.getByLabel("Underlying").locator("option").nth(1).getAttribute("value")) ?? "";
  await page.goto(`/activity?underlying=${underlying}`);
  const pageTotal = ((await page.getByTestId("activity-total").textContent()) ?? "").trim();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rollbook-activity-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await file.path(), "utf8")).trimEnd().split("\r\n");
  const trailer = lines.at(-1)?.split(",") ?? [];
  expect(trailer[0]).toMatch(/^Total \(\d+ lines\)$/);
  expect(displayMoney(trailer[12] ?? "", { signed: true })).toBe(pageTotal);

  // A bad parameter is named, not a server error.
  const bad = await page.goto("/activity?from=2025-13-45");
  expect(bad?.status()).toBe(200);
  await expect(page.locator("p.alert")).toContainText("from");
});
