import { writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/http/body-too-large";

const simulated = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/.test(process.env.ROBINHOOD_API_URL ?? "");

test("a file over the limit posted without JavaScript gets a readable 413 page, not a 500", async ({
  browser,
  page,
}, testInfo) => {
  test.skip(
    !simulated,
    "ROBINHOOD_API_URL must point at the simulated Robinhood (set by scripts/test-all.ts)",
  );
  test.setTimeout(120_000);
  // Signing in needs JavaScript; the upload then happens in a browser without it, same session.
  await page.goto("/sign-in?callbackUrl=%2Fimports");
  await page.getByLabel("Robinhood e-mail or username").fill("mfa-sms@rollbook.dev");
  await page.getByLabel("Password").fill("rollbook-test");
  await page.getByRole("button", { name: "Sign in with Robinhood" }).click();
  await page.getByLabel("Verification code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/imports$/, { timeout: 30_000 });

  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  try {
    const plain = await noScript.newPage();
    await plain.goto("/imports");
    const header =
      "Activity Date,Process Date,Settle Date,Instrument,Description,Trans Code,Quantity,Price,Amount\n";
    const oversized = Buffer.alloc(MAX_REQUEST_BODY_BYTES + 1024 * 1024, "x");
    oversized.write(header);
    // A file on disk, as a user would pick it (a 22 MB in-memory buffer is slow to hand over).
    const file = testInfo.outputPath("too-large.csv");
    await writeFile(file, oversized);
    await plain.getByLabel("Robinhood CSV file").setInputFiles(file);
    const answered = plain.waitForResponse((response) => response.request().method() === "POST");
    // Without JavaScript the streamed page keeps its content in a hidden container (the inline
    // script that reveals it does not run), so the button cannot be clicked like a user would; a
    // click event on it still makes the browser post the form itself, as a plain multipart form.
    await plain.getByText("Import file", { exact: true }).dispatchEvent("click");
    const response = await answered;
    expect(response.status()).toBe(413);
    await expect(plain.getByRole("heading", { name: "That file is too large" })).toBeVisible();
    await expect(
      plain.getByText("Rollbook accepts CSV files up to 20 MB, and nothing was imported."),
    ).toBeVisible();
    await plain.getByRole("link", { name: "Back" }).click();
    await expect(plain).toHaveURL(/\/imports$/);
  } finally {
    await noScript.close();
  }
});
