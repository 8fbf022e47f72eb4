import { expect, type Page, test } from "@playwright/test";
import { openDemo } from "./support/open-demo";

function stat(page: Page, label: string) {
  const exactLabel = page.locator(".stat-label").getByText(label, { exact: true });
  return page.locator(".stat").filter({ has: exactLabel });
}

/** "+$1,234.50" and "$1,234.50" are the same figure: breakdowns sign gains, the dashboard does not. */
const unsigned = (text: string | null) => (text ?? "").trim().replace(/^\+/, "");

test("a dashboard figure opens its breakdown, whose totals row is that figure in every grouping", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openDemo(page);

  for (const [label, metric] of [
    ["Unrealized P&L", "unrealized"],
    ["Fees paid", "fees"],
    ["Realized P&L", "realized"],
  ] as const) {
    await page.goto("/dashboard");
    const figure = unsigned(await stat(page, label).locator(".stat-value").textContent());
    expect(figure).toMatch(/^-?\$[\d,]+\.\d{2}$/);
    await stat(page, label).getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/explain/${metric}$`), { timeout: 60_000 });
    await expect(page.getByRole("heading", { name: `${label}, explained`, level: 1 })).toBeVisible();
    expect(unsigned(await page.getByTestId("breakdown-total").textContent())).toBe(figure);
    // The worked example is the user's own component, and the formula gives its stored figure exactly.
    await expect(page.getByTestId("example-check")).toContainText("exactly what the formula gives");
    if (metric !== "realized") continue;

    // Each grouping is in the address, and the total stays the dashboard's figure.
    const groupings = page.getByRole("navigation", { name: "Group components by" });
    for (const [name, by] of [
      ["Month", "month"],
      ["Strategy", "strategy"],
      ["Expiration", "expiration"],
    ] as const) {
      await groupings.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/explain/realized\\?by=${by}$`), { timeout: 60_000 });
      await expect(groupings.getByRole("link", { name, exact: true })).toHaveAttribute(
        "aria-current",
        "page",
      );
      expect(unsigned(await page.getByTestId("breakdown-total").textContent())).toBe(figure);
      expect(await page.locator("table.breakdown tbody tr").count()).toBeGreaterThan(1);
    }
  }

  // A shared view opens as it was sent; a bad setting is named, not silently dropped.
  await page.goto("/explain/realized?by=month&from=2025-13-40");
  await expect(page.locator("div.alert.error")).toContainText('"from" must be one real date');
  await expect(
    page.getByRole("navigation", { name: "Group components by" }).getByRole("link", { name: "Month" }),
  ).toHaveAttribute("aria-current", "page");

  // An unknown metric is not a page.
  const missing = await page.goto("/explain/sharpe-ratio");
  expect(missing?.status()).toBe(404);
});

test("win rate and premium captured break down to the Statistics page's figures", async ({ page }) => {
  test.setTimeout(240_000);
  await openDemo(page);
  await page.goto("/statistics");
  for (const [label, metric] of [
    ["Win rate", "win-rate"],
    ["Premium captured", "premium-captured"],
  ] as const) {
    await page.goto("/statistics");
    const figure = ((await stat(page, label).locator(".stat-value").textContent()) ?? "").trim();
    expect(figure).toMatch(/^\d+\.\d %$/);
    await stat(page, label).getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/explain/${metric}`), { timeout: 60_000 });
    await expect(page.getByTestId("breakdown-total")).toHaveText(figure);
  }
});

test("the reconciliation identity holds on the demo, and net premium is a readable table", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openDemo(page);
  // The Explain pages run under the same nonce CSP as the rest: no violation, no console error.
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  await page.getByRole("link", { name: "Explain", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Explain the numbers", level: 1 })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId("identity-difference")).toHaveText(
    /Difference: \$0\.00 — the identity holds/,
  );
  await expect(page.getByTestId("identity-left")).toHaveText(
    (await page.getByTestId("identity-right").textContent()) ?? "",
  );

  // Each term links to its breakdown, whose totals row is that term.
  const realized = unsigned(
    await page
      .getByRole("row", { name: /^Realized P&L/ })
      .getByRole("cell")
      .textContent(),
  );
  await page.getByRole("link", { name: "Cash flows", exact: true }).click();
  await expect(page).toHaveURL(/\/explain\/cash-flows/, { timeout: 60_000 });
  expect(unsigned(await page.getByTestId("breakdown-total").textContent())).toMatch(/^-?\$[\d,]+\.\d{2}$/);
  await page.goto("/explain/realized");
  expect(unsigned(await page.getByTestId("breakdown-total").textContent())).toBe(realized);

  // The heat map: values as text with the words credit/debit, not colour alone.
  await page.goto("/explain");
  const heatMap = page.locator("table.heat-map");
  await expect(heatMap.getByRole("columnheader", { name: "Underlying" })).toBeVisible();
  expect(await heatMap.locator("tbody tr").count()).toBeGreaterThan(0);
  await expect(
    heatMap
      .locator("tbody td")
      .filter({ hasText: /net (credit|debit)/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByTestId("net-premium-total")).toHaveText(/^[+-]?\$[\d,]+\.\d{2}$/);
  expect(problems).toEqual([]);
});
