import { expect, type Locator, test } from "@playwright/test";

/** "+$1,234.56", "-$0.50", "$0.00" as cents, to compare order (never for money arithmetic). */
async function realizedCents(rows: Locator): Promise<number[]> {
  const texts = await rows.locator("td:nth-child(9)").allInnerTexts();
  return texts.map((text) => {
    const negative = /^[-−]/.test(text.trim());
    const cents = Number.parseInt(text.replace(/[^\d]/g, ""), 10);
    return negative ? -cents : cents;
  });
}

test("the chains list sorts across pages, and its pages keep the sort", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Open the demo account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 150_000 });

  await page.goto("/chains");
  const realized = page.getByRole("columnheader", { name: /Realized/ });
  // Sorting is a link: reachable and followed by keyboard.
  await realized.getByRole("link").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=realized&dir=desc/, { timeout: 60_000 });
  await expect(realized).toHaveAttribute("aria-sort", "descending");
  const rows = page.locator("tbody tr");
  const first = await realizedCents(rows);
  expect(first).toHaveLength(50);
  expect([...first].sort((a, b) => b - a)).toEqual(first);

  // The next page continues the same order: the whole list was sorted before it was paged.
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages).toContainText("Page 1 of");
  await pages.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/page=2/, { timeout: 60_000 });
  await expect(page).toHaveURL(/sort=realized&dir=desc/);
  await expect(pages).toContainText("Page 2 of");
  await expect(page.getByRole("columnheader", { name: /Realized/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const second = await realizedCents(rows);
  expect(second.length).toBeGreaterThan(0);
  expect([...second].sort((a, b) => b - a)).toEqual(second);
  expect(second[0]).toBeLessThanOrEqual(first.at(-1) ?? 0);

  // Reversing the sort starts again from the first page, smallest first.
  await page
    .getByRole("columnheader", { name: /Realized/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=realized&dir=asc/, { timeout: 60_000 });
  await expect(page).not.toHaveURL(/page=/);
  const ascending = await realizedCents(rows);
  expect([...ascending].sort((a, b) => a - b)).toEqual(ascending);
  expect(ascending[0]).toBeLessThanOrEqual(second.at(-1) ?? 0);
});
