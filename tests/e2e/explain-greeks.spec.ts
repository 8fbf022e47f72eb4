import { expect, type Page, test } from "@playwright/test";
import { openDemo } from "./support/open-demo";

function stat(page: Page, label: string) {
  const exactLabel = page.locator(".stat-label").getByText(label, { exact: true });
  return page.locator(".stat").filter({ has: exactLabel });
}

test("the Risk page's delta dollars and theta per day open breakdowns whose totals are those figures", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openDemo(page);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));

  for (const [label, metric, testId] of [
    ["Delta dollars", "delta", "portfolio-delta-dollars"],
    ["Theta per day", "theta", "portfolio-theta"],
  ] as const) {
    await page.goto("/risk");
    // risk.spec.ts checks these figures against the simulator's Greeks and quotes.
    const figure = ((await page.getByTestId(testId).textContent()) ?? "").trim();
    expect(figure).toMatch(/^[+-]?\$[\d,]+\.\d{2}$/);
    await stat(page, label).getByRole("link", { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`/explain/${metric}\\?by=underlying$`), { timeout: 60_000 });
    await expect(page.getByRole("heading", { name: `${label}, explained`, level: 1 })).toBeVisible();
    await expect(page.getByTestId("breakdown-total")).toHaveText(figure);
    // One of the demo's own positions, step by step, adds up with the others to the Risk page's figure.
    await expect(page.getByTestId("example-check")).toHaveText(
      `The Risk page's portfolio figure: ${figure}, exactly what the formula gives.`,
    );
    expect(await page.locator("table.worked-example tbody tr").count()).toBeGreaterThanOrEqual(4);

    // Each grouping is in the address and adds up to the same figure.
    const groupings = page.getByRole("navigation", { name: "Group components by" });
    for (const [name, by] of [
      ["Strategy", "strategy"],
      ["Expiration", "expiration"],
    ] as const) {
      await groupings.getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/explain/${metric}\\?by=${by}$`), { timeout: 60_000 });
      await expect(groupings.getByRole("link", { name, exact: true })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await expect(page.getByTestId("breakdown-total")).toHaveText(figure);
      expect(await page.locator("table.breakdown tbody tr").count()).toBeGreaterThan(0);
    }
    // "Now" takes no date range.
    await expect(page.getByRole("form", { name: "Date range" })).toHaveCount(0);
  }

  // A bad setting in a shared address is named, and the view falls back to a grouping it offers.
  await page.goto("/explain/theta?by=weekday");
  await expect(page.locator("div.alert.error")).toContainText('"by" must be one of');
  await expect(
    page.getByRole("navigation", { name: "Group components by" }).getByRole("link", { name: "Underlying" }),
  ).toHaveAttribute("aria-current", "page");

  // The Explain overview lists both breakdowns.
  await page.goto("/explain");
  const breakdowns = page.getByRole("region", { name: "Breakdowns" });
  await breakdowns.getByRole("link", { name: /^Theta per day/ }).click();
  await expect(page).toHaveURL(/\/explain\/theta\?by=underlying$/, { timeout: 60_000 });
  await page.goto("/explain");
  await breakdowns.getByRole("link", { name: /^Delta dollars/ }).click();
  await expect(page).toHaveURL(/\/explain\/delta\?by=underlying$/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});
