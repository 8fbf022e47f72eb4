import { type APIResponse, expect, type Page, test } from "@playwright/test";
import { NEEDS_SIMULATOR, signInWithSms, simulated } from "./support/sign-in-with-sms";

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  // Served over plain http here: no HSTS (browsers ignore it over http, and it must not stick to dev).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

function nonceOf(response: APIResponse): string {
  const policy = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce ?? "";
}

test("a page, a route handler, a redirect and static assets all carry the security headers", async ({
  request,
}) => {
  const page = await request.get("/sign-in");
  expectCommonHeaders(page, "page");
  const policy = page.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");

  // Every script Next.js renders carries this response's nonce, and the nonce is new every time.
  const html = await page.text();
  const nonce = nonceOf(page);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect(nonceOf(await request.get("/sign-in"))).not.toBe(nonce);

  const route = await request.get("/api/health");
  expectCommonHeaders(route, "route handler");
  expect(route.headers()["content-security-policy"]).toContain("default-src 'none'");

  const redirect = await request.get("/dashboard", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectCommonHeaders(redirect, "proxy redirect");

  const scriptPath = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(scriptPath, "a static script in the page").toBeTruthy();
  const script = await request.get(scriptPath ?? "");
  expect(script.status()).toBe(200);
  expectCommonHeaders(script, "static script");
  const publicFile = await request.get("/brand-mark.svg");
  expect(publicFile.status()).toBe(200);
  expectCommonHeaders(publicFile, "public file");
  expect(publicFile.headers()["content-security-policy"]).toContain("default-src 'none'");

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectCommonHeaders(missing, "not-found page");
});

test("HSTS is sent when the request came over https", async ({ request }) => {
  for (const path of ["/sign-in", "/api/health", "/brand-mark.svg"]) {
    const response = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers()["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
  }
  const page = await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } });
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("another site cannot frame Rollbook's pages", async ({ page, baseURL }) => {
  // about:blank is another origin than the app; the frame stays empty instead of showing the page.
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors|X-Frame-Options/i.test(message.text())) blocked.push(message.text());
  });
  await page.setContent(`<iframe title="framed" src="${baseURL}/sign-in"></iframe>`);
  await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(
    page.frameLocator("iframe").getByRole("heading", { name: "Sign in with Robinhood" }),
  ).toHaveCount(0);
});

/** Records CSP violations and console errors from the first script that runs on each page. */
async function watchForViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(
        `CSP ${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`,
      );
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
  return problems;
}

test("the main pages load and run their scripts without a CSP violation or console error", async ({
  page,
}) => {
  test.skip(!simulated, NEEDS_SIMULATOR);
  test.setTimeout(90_000);
  const problems = await watchForViolations(page);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rollbook");
  // Signing in needs client-side scripts (the ticket exchange), so it proves they ran.
  await signInWithSms(page);
  for (const [path, heading] of [
    ["/dashboard", "Dashboard"],
    ["/chains", "Roll chains"],
    ["/positions", "Positions"],
    ["/imports", "Import"],
    ["/settings", "Settings"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  }
  // Client-side navigation (a hydrated link) works too.
  await page.getByRole("link", { name: "Chains", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Roll chains", level: 1 })).toBeVisible();
  expect(problems).toEqual([]);

  // The watcher does see a violation: an inline style element without the nonce is refused.
  await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "body { outline: 1px solid red; }";
    document.head.append(style);
  });
  await expect.poll(() => problems.join("\n")).toContain("CSP style-src-elem blocked inline");
});
