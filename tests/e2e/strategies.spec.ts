import { expect, test } from "@playwright/test";

test("the demo's credit spreads are labelled chains, and the chains list filters by strategy", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Open the demo account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 150_000 });

  // Filter with the form, as a person would: every row is then a bull put spread.
  await page.goto("/chains");
  await page.getByLabel("Strategy").selectOption({ label: "Bull put spread (credit)" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/[?&]strategy=bull-put-spread/);
  const positions = await page.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(positions.length).toBeGreaterThan(0);
  expect(new Set(positions)).toEqual(new Set(["Bull put spread (credit)"]));
  await page.screenshot({ path: testInfo.outputPath("chains-bull-put-spreads.png") });

  // The spread is one chain: its page names the strategy, and Robinhood's name for the opening order.
  await page
    .locator("tbody tr")
    .first()
    .getByRole("link", { name: /chain opened/ })
    .click();
  await expect(page).toHaveURL(/\/chains\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bull put spread (credit)");
  await expect(page.getByText("Robinhood named the opening order short put spread.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("chain-spread.png"), fullPage: true });

  // An unknown label in the query string is ignored rather than an error.
  await page.goto("/chains?strategy=wheel");
  await expect(page.getByRole("heading", { name: "Roll chains", level: 1 })).toBeVisible();
  const all = await page.locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(new Set(all).size).toBeGreaterThan(1);
});
