import { expect, test } from "@playwright/test";

test("an unauthenticated visit to /dashboard redirects to the sign-in page", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in with Robinhood");
});

test("every app page requires a session", async ({ page, request }) => {
  for (const path of [
    "/chains",
    "/positions",
    "/wheel",
    "/risk",
    "/statistics",
    "/calendar",
    "/activity",
    "/activity/lots",
    "/explain",
    "/explain/realized",
    "/explain/delta",
    "/imports",
    "/runs",
    "/settings",
    "/chains/00000000-0000-4000-8000-000000000000",
  ]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
  // Without following the redirect: the proxy answers before any page renders.
  const response = await request.get("/positions", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain("/sign-in?callbackUrl=%2Fpositions");
});

test("a forged or replayed sign-in ticket does not start a session", async ({ request }) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/ticket", {
    form: { csrfToken: csrf.csrfToken, ticket: "rbt1.e30.forged", json: "true" },
  });
  const body = (await response.json()) as { url: string };
  expect(body.url).toContain("error=");
  const session = await (await request.get("/api/auth/session")).json();
  expect(session).toEqual({});
});
