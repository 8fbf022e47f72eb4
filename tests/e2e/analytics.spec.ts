import { readFile } from "node:fs/promises";
import { type Download, expect, type Page, test } from "@playwright/test";
import { displayMoney } from "@/lib/money";
import { openDemo } from "./support/open-demo";

async function statValue(page: Page, label: string): Promise<string> {
  const exactLabel = page.locator(".stat-label").getByText(label, { exact: true });
  const stat = page.locator(".stat").filter({ has: exactLabel });
  return ((await stat.locator(".stat-value").textContent()) ?? "").trim();
}

/** A downloaded CSV as rows of fields (these exports quote nothing the tests read). */
async function csvRows(download: Download): Promise<string[][]> {
  const text = await readFile(await download.path(), "utf8");
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

test("the calendar shows each day's realized figure, and a day lists the lots that make it", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openDemo(page);
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();

  // The latest month with realized P&L: a day link's name carries its exact figure and its sign in words.
  const day = page.locator("table.calendar a").last();
  const name = (await day.getAttribute("aria-label")) ?? "";
  const match = /^(\w{3} \d{1,2}, \d{4}): ([+-]?\$[\d,]+\.\d{2}) (gain|loss|break-even)$/.exec(name);
  expect(match, name).not.toBeNull();
  const [, date, figure] = match ?? [];
  await expect(day).toContainText(figure ?? "");

  await day.click();
  await expect(page.getByRole("heading", { name: date ?? "", level: 2 })).toBeVisible();
  await expect(page.getByTestId("day-total")).toHaveText(figure ?? "");
  const lots = page.locator("#day tbody tr");
  expect(await lots.count()).toBeGreaterThan(0);
  // Each lot links to its chain.
  await lots.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/chains\/[0-9a-f-]{36}$/, { timeout: 60_000 });

  // The year view: twelve months, each a table.
  await page.goto("/calendar");
  await page.getByRole("link", { name: "Year", exact: true }).click();
  await expect(page.locator("table.calendar")).toHaveCount(12);

  // At phone width the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/calendar");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("tables sort by a header and filter by text", async ({ page }) => {
  test.setTimeout(240_000);
  await openDemo(page);
  await page.goto("/positions");
  const options = page.locator("section", { has: page.getByRole("heading", { name: "Open options" }) });
  const dteHeader = options.getByRole("columnheader", { name: /DTE/ });
  const days = async () =>
    (await options.locator("tbody tr td:nth-child(4)").allInnerTexts()).map((text) =>
      text === "expired" ? -1 : text === "today" ? 0 : Number.parseInt(text, 10),
    );
  // Headers are links that sort the whole list in SQL, through the URL: figures largest first on the
  // first click, then smallest first. Reached and followed by keyboard.
  await dteHeader.getByRole("link").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=dte&dir=desc/, { timeout: 60_000 });
  await expect(dteHeader).toHaveAttribute("aria-sort", "descending");
  const descending = await days();
  expect(descending.length).toBeGreaterThan(1);
  expect([...descending].sort((a, b) => b - a)).toEqual(descending);
  await dteHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=dte&dir=asc/, { timeout: 60_000 });
  await expect(dteHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await days();
  expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);

  // The filter is a search parameter too, kept with the sort; the totals row counts what it matches.
  const symbol = (
    (await options.locator("tbody tr th").first().locator("strong").textContent()) ?? ""
  ).trim();
  await options.getByLabel("Filter").fill(symbol);
  await options.getByLabel("Filter").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${symbol}`), { timeout: 60_000 });
  await expect(page).toHaveURL(/sort=dte&dir=asc/);
  const contracts = await options.locator("tbody tr th").allInnerTexts();
  expect(contracts.length).toBeGreaterThan(0);
  for (const contract of contracts) expect(contract).toContain(symbol);
  await expect(options.locator("tfoot th")).toHaveText(`Total (${contracts.length} positions)`);

  // The chains list sorts in SQL, through the URL.
  await page.goto("/chains");
  await page
    .getByRole("columnheader", { name: /Realized/ })
    .getByRole("link")
    .click();
  // A server render of the sorted page: allow for a loaded machine.
  await expect(page).toHaveURL(/sort=realized&dir=desc/, { timeout: 60_000 });
  await expect(page.getByRole("columnheader", { name: /Realized/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(page.locator("tbody tr").first().locator("td:nth-child(5) li").first()).toContainText(/[CP]/);
});

test("CSV exports download with the same totals as their pages", async ({ page }) => {
  test.setTimeout(240_000);
  await openDemo(page);

  const realized = await statValue(page, "Realized P&L");
  const underlyings = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const underlyingRows = await csvRows(await underlyings);
  expect(underlyingRows[0]?.[1]).toBe("realized_pnl");
  const total = underlyingRows.at(-1) ?? [];
  expect(total[0]).toBe("Total");
  expect(displayMoney(total[1] ?? "")).toBe(realized);

  await page.getByRole("link", { name: "Statistics", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Statistics", level: 1 })).toBeVisible();
  const shown = (await statValue(page, "Realized")).replace(/^\+/, "");
  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page).toHaveURL(/by=month/, { timeout: 60_000 });
  expect(await page.locator("table tbody tr").count()).toBeGreaterThan(1);
  const statistics = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const statisticsRows = await csvRows(await statistics);
  const header = statisticsRows[0] ?? [];
  const all = statisticsRows.at(-1) ?? [];
  expect(all[0]).toBe("All closed positions");
  expect(displayMoney(all[header.indexOf("realized_pnl")] ?? "")).toBe(shown);
  // One row per month on the page, one per month in the file.
  expect(statisticsRows.length - 2).toBe(await page.locator("table tbody tr").count());
});
