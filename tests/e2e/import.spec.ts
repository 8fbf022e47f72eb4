import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";

// The challenge user of the simulated Robinhood (docs/SIMULATOR.md) signs in, and the first sync its
// sign-in starts is refused here (the simulator answers its accounts request with a 404), so
// everything on its dashboard comes from the imported file.
const robinhoodUrl = process.env.ROBINHOOD_API_URL ?? "";
const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(robinhoodUrl);
const fixtures = path.join(import.meta.dirname, "../fixtures/csv");
const faults = `${robinhoodUrl}/__simulator/faults`;

// The refusal is for this file's sign-in only: the simulator serves every later test.
test.afterEach(async ({ request }) => {
  if (simulated) await request.delete(faults);
});

async function signIn(page: Page) {
  const refuseAccounts = { path: "/accounts/", fault: { kind: "status", status: 404 }, times: null };
  expect((await page.request.post(faults, { data: refuseAccounts })).ok()).toBe(true);
  await page.goto("/sign-in?callbackUrl=%2Fimports");
  await page.getByLabel("Robinhood e-mail or username").fill("challenge@rollbook.dev");
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await page.getByRole("button", { name: "Text message" }).click();
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/imports$/, { timeout: 30_000 });
  await expect(page.getByTestId("data-age")).toHaveText(/Sync failed/, { timeout: 30_000 });
  expect((await page.request.delete(faults)).ok()).toBe(true);
}

test("an activity report is imported from the Import page and its P&L shows on the dashboard", async ({
  page,
}, testInfo) => {
  test.skip(
    !simulated,
    "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)",
  );
  test.setTimeout(120_000);
  await signIn(page);
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await expect(page.getByText("No files imported yet")).toBeVisible();

  // A file with bad rows is refused whole, and every bad row is listed with its column and reason.
  await page
    .getByLabel("Robinhood CSV file")
    .setInputFiles(path.join(fixtures, "activity-report-bad-rows.csv"));
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.locator(".alert.error")).toContainText("could not be read, so nothing was imported");
  const problems = page.getByRole("table", { name: "Rows that could not be read" });
  await expect(problems.getByRole("row", { name: /Activity Date/ })).toContainText("13/45/2023");
  await expect(problems.getByRole("row", { name: /Amount/ }).first()).toBeVisible();
  await expect(page.getByText("No files imported yet")).toBeVisible();

  // A NUL byte (the import runs in its worker thread in this production build) is a row error too.
  const withNul = readFileSync(path.join(fixtures, "activity-report.csv"), "utf8").replace(
    "Option Expiration for ACME",
    "Option Expiration\u0000for ACME",
  );
  await page
    .getByLabel("Robinhood CSV file")
    .setInputFiles({ name: "nul.csv", mimeType: "text/csv", buffer: Buffer.from(withNul) });
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.locator(".alert.error")).toContainText(
    "1 row could not be read, so nothing was imported",
  );
  await expect(
    page
      .getByRole("table", { name: "Rows that could not be read" })
      .getByRole("row", { name: /Description/ }),
  ).toContainText("NUL byte");
  await expect(page.getByText("No files imported yet")).toBeVisible();

  await page.getByLabel("Robinhood CSV file").setInputFiles(path.join(fixtures, "activity-report.csv"));
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(
    page.getByRole("status").filter({
      hasText:
        /^Imported 21 rows \(8 new fills, 4 new events, 1 stock trade and 1 corporate action\) and recomputed 6 chains\.$/,
    }),
  ).toBeVisible({
    timeout: 60_000,
  });
  const imported = page.locator("section", { has: page.getByRole("heading", { name: "Imported files" }) });
  await expect(imported.locator("tbody tr")).toHaveCount(1);
  await expect(imported.locator("tbody tr")).toContainText("activity-report.csv");
  await page.screenshot({ path: testInfo.outputPath("imports.png"), fullPage: true });

  // Every row of the file is listed with what it became.
  await imported.getByRole("link", { name: "activity-report.csv" }).click();
  await expect(page.getByRole("heading", { name: "activity-report.csv", level: 1 })).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(21);
  await expect(page.locator("tbody tr").filter({ hasText: "ACH Deposit" })).toContainText("Not used");
  await page.getByRole("link", { name: "← All imports" }).click();

  // The same file again adds nothing.
  await page.getByLabel("Robinhood CSV file").setInputFiles(path.join(fixtures, "activity-report.csv"));
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.locator(".alert.success")).toContainText("already imported");
  await expect(imported.locator("tbody tr")).toHaveCount(1);

  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  const realized = page
    .locator(".stat")
    .filter({ has: page.locator(".stat-label").getByText("Realized P&L", { exact: true }) });
  // Every contract has expired by now: BIGC's short call too, so its whole premium is realized.
  await expect(realized.locator(".stat-value")).toHaveText("$1,278.85");

  // The call bought as OLDX and sold as NEWX after the merger is one chain showing the rename.
  await page.getByRole("link", { name: "Chains", exact: true }).click();
  // The dashboard's table has NEWX rows too: wait for the chains page before picking one.
  await expect(page.getByRole("heading", { name: "Roll chains", level: 1 })).toBeVisible();
  await page
    .locator("tbody tr")
    .filter({ hasText: "NEWX" })
    .first()
    .getByRole("link", { name: /chain opened/ })
    .click();
  await expect(page).toHaveURL(/\/chains\/[0-9a-f-]{36}$/);
  const actions = page.locator("section", { has: page.getByRole("heading", { name: "Corporate actions" }) });
  await expect(actions.locator("tbody tr")).toHaveCount(1);
  await expect(actions.locator("tbody tr")).toContainText("renamed OLDX → NEWX");
  await page.screenshot({ path: testInfo.outputPath("renamed-chain.png"), fullPage: true });

  // Removing the import takes its trades out of the P&L.
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await imported.getByRole("link", { name: "activity-report.csv" }).click();
  await page.getByRole("button", { name: "Remove import" }).click();
  // The confirmation box is required: nothing happens without it.
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await page.getByLabel(/Remove the fills and events this file added/).check();
  await page.getByRole("button", { name: "Remove import" }).click();
  await expect(page).toHaveURL(/\/imports\?removed=1$/, { timeout: 60_000 });
  await expect(page.getByRole("status").filter({ hasText: "The import was removed" })).toBeVisible();
  await expect(page.getByText("No files imported yet")).toBeVisible();
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(realized.locator(".stat-value")).toHaveText("$0.00");
});
