import { expect, type Page, test } from "@playwright/test";

/** "$1,234.56" / "-$12.30" → cents, exactly (no floats). */
function cents(text: string): bigint {
  const match = /^(-?)\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a money figure: ${JSON.stringify(text)}`);
  const value = BigInt(`${(match[2] as string).replaceAll(",", "")}${match[3]}`);
  return match[1] === "-" ? -value : value;
}

async function cellTexts(page: Page, row: number): Promise<string[]> {
  return page
    .locator("section", { has: page.getByRole("heading", { name: "Cycles" }) })
    .locator("tbody tr")
    .nth(row)
    .locator("td")
    .allInnerTexts();
}

test("the demo's wheel: cycles whose figures add up, shares held at quotes, stock P&L on the dashboard", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await page.getByRole("button", { name: "Open the demo account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 150_000 });

  const stockStat = page.locator(".stat").filter({ has: page.getByText("Stock P&L", { exact: true }) });
  await expect(stockStat.locator(".stat-value")).toHaveText(/^-?\$[\d,]+\.\d{2}$/);
  await expect(stockStat.locator(".stat-note")).toContainText("Unrealized");

  await page.getByRole("link", { name: "Wheel", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Wheel", level: 1 })).toBeVisible();
  const cycles = page
    .locator("section", { has: page.getByRole("heading", { name: "Cycles" }) })
    .locator("tbody tr");
  const count = await cycles.count();
  expect(count).toBeGreaterThan(1);
  await page.screenshot({ path: testInfo.outputPath("wheel.png"), fullPage: true });

  // Columns: underlying, status, started, days, premium, option P&L, stock P&L, realized, shares,
  // net cost per share, capital, return. Realized is option P&L plus stock P&L, to the cent.
  let closed = 0;
  for (let row = 0; row < count; row++) {
    const cells = await cellTexts(page, row);
    expect(cells[0]).toMatch(/^[A-Z]+$/);
    expect(cents(cells[7] as string)).toBe(cents(cells[5] as string) + cents(cells[6] as string));
    expect(cells[11]).toMatch(/^(-?\d+\.\d{2} %|—)$/);
    if ((cells[1] as string).startsWith("Closed")) {
      closed++;
      // A closed cycle holds no shares.
      expect(cells[8]).toBe("—");
    }
  }
  expect(closed).toBeGreaterThan(0);

  // Shares held now are listed with their quote; the demo syncs stock quotes for every symbol held.
  const holdings = page
    .locator("section", { has: page.getByRole("heading", { name: "Shares held" }) })
    .locator("tbody tr");
  if ((await holdings.count()) > 0) {
    await expect(holdings.first().locator("td").nth(4)).toHaveText(/^\d[\d,]*\.\d{2,4}$/);
  }
});
