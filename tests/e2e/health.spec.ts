import { expect, test } from "@playwright/test";

test("the health endpoint reports the app up and the database connected", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database.status).toBe("connected");
});

test("the landing page introduces Rollbook", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rollbook");
});
