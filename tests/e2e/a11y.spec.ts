import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import type { AxeResults } from "axe-core";
import { startSimulator, TEST_PASSWORD } from "@/simulator";
import { openDemoAsNewVisitor } from "./support/open-demo";

/**
 * Every page of the app, on the demo account, in both colour schemes and at desktop and phone widths:
 * axe-core finds no serious or critical violation, the page never scrolls sideways at 390 px, and
 * chart labels stay readable there.
 *
 * A NEW PAGE IS ONE LINE IN `PAGES`. A path may use the ids found on the demo (`ids.chain`,
 * `ids.import`, `ids.order`); signed-out pages say so.
 */
type DemoIds = { chain: string; import: string; order: string };
type SweptPage = {
  name: string;
  path: string | ((ids: DemoIds) => string);
  /** Visited without a session (landing, sign-in). */
  signedOut?: boolean;
  /** The HTTP status the page answers; 200 unless said. */
  status?: number;
};

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const PAGES: SweptPage[] = [
  { name: "landing", path: "/", signedOut: true },
  { name: "sign-in", path: "/sign-in", signedOut: true },
  { name: "dashboard", path: "/dashboard" },
  { name: "chains", path: "/chains" },
  { name: "a chain", path: (ids) => `/chains/${ids.chain}` },
  { name: "positions", path: "/positions" },
  { name: "statistics", path: "/statistics" },
  { name: "calendar", path: "/calendar" },
  { name: "wheel", path: "/wheel" },
  { name: "imports", path: "/imports" },
  { name: "an import", path: (ids) => `/imports/${ids.import}` },
  { name: "runs", path: "/runs" },
  { name: "settings", path: "/settings" },
  { name: "activity", path: "/activity" },
  { name: "lots of a figure", path: "/activity/lots" },
  { name: "an order", path: (ids) => `/activity/orders/${ids.order}` },
  { name: "risk", path: "/risk" },
  { name: "explain", path: "/explain" },
  { name: "explain realized", path: "/explain/realized" },
  { name: "explain unrealized", path: "/explain/unrealized" },
  { name: "explain fees", path: "/explain/fees" },
  { name: "explain win rate", path: "/explain/win-rate" },
  { name: "explain premium captured", path: "/explain/premium-captured" },
  { name: "explain cash flows", path: "/explain/cash-flows" },
  { name: "explain delta dollars", path: "/explain/delta" },
  { name: "explain theta per day", path: "/explain/theta" },
  { name: "not found", path: `/chains/${UNKNOWN_ID}`, status: 404 },
];

const SCHEMES = ["light", "dark"] as const;
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
/** The smallest chart label a phone may show, in CSS pixels. */
const MIN_CHART_LABEL_PX = 11;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** An activity report of this many rows or more: the import page must stay fast at this size. */
const LARGE_IMPORT_ROWS = 2_800;

type Found = { id: string; impact: string; help: string; nodes: string[] };

/**
 * axe in the page under the page's own Content-Security-Policy: the source is evaluated through the
 * DevTools protocol (as a test harness, not a page script), so no policy is bypassed for the sweep.
 */
async function seriousViolations(page: Page): Promise<Found[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    const results = await axe.run(document);
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 4)
        .map((node) => `${node.target.join(" ")}: ${(node.failureSummary ?? "").replace(/\s+/g, " ")}`),
    }));
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** Chart labels drawn smaller than MIN_CHART_LABEL_PX (their font size times the SVG's scale). */
async function tinyChartLabels(page: Page): Promise<string[]> {
  return page.evaluate((minimum) => {
    const tiny: string[] = [];
    for (const text of document.querySelectorAll<SVGTextElement>("svg text")) {
      const content = (text.textContent ?? "").trim();
      if (!content || text.getClientRects().length === 0) continue;
      const scale = text.getScreenCTM()?.a ?? 1;
      const size = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < minimum) tiny.push(`"${content}" at ${size.toFixed(1)} px`);
    }
    return tiny;
  }, MIN_CHART_LABEL_PX);
}

let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>>;
let ids: DemoIds;

/** A simulated trader's six years of history as an activity report of 2,800+ rows, written to a file. */
async function largeActivityReport(): Promise<string> {
  const username = "six-years@rollbook.dev";
  const simulator = await startSimulator({
    port: 0,
    // About 40 rows a month: six years make 2,800 and more.
    users: [{ username, password: TEST_PASSWORD, flow: { kind: "direct" }, months: 72 }],
  });
  try {
    const csv = await simulator.controls.activityReport(username);
    const file = path.join(tmpdir(), `rollbook-a11y-${process.pid}-activity-report.csv`);
    writeFileSync(file, csv);
    return file;
  } finally {
    await simulator.close();
  }
}

/** Uploads a CSV on the Import page and returns the new import's id. */
async function importFile(page: Page, file: string): Promise<string> {
  await page.goto("/imports");
  const before = await page.locator('a[href^="/imports/"]').count();
  await page.getByLabel("Robinhood CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Import file" }).click();
  await expect(page.locator('a[href^="/imports/"]')).toHaveCount(before + 1, { timeout: 240_000 });
  const href = (await page.locator('a[href^="/imports/"]').first().getAttribute("href")) ?? "";
  return href.replace("/imports/", "");
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const { context, page } = await openDemoAsNewVisitor(browser);
  // An import of the demo's own, so an import's page has rows to show.
  const importId = await importFile(
    page,
    path.join(import.meta.dirname, "../fixtures/csv/activity-report.csv"),
  );
  await page.goto("/chains");
  const chainHref = (await page.locator('a[href^="/chains/"]').first().getAttribute("href")) ?? "";
  await page.goto("/activity");
  const orderHref = (await page.locator('a[href^="/activity/orders/"]').first().getAttribute("href")) ?? "";
  ids = {
    chain: chainHref.replace("/chains/", ""),
    import: importId,
    order: orderHref.replace("/activity/orders/", ""),
  };
  expect(ids.chain).toMatch(/^[0-9a-f-]{36}$/);
  expect(ids.import).toMatch(/^[0-9a-f-]{36}$/);
  expect(ids.order).not.toBe("");
  signedIn = await context.storageState();
  await context.close();
});

for (const swept of PAGES) {
  test(`${swept.name}: no serious axe violation in light and dark at 1280 and 390 px, no sideways scroll on a phone`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const url = typeof swept.path === "string" ? swept.path : swept.path(ids);
    for (const colorScheme of SCHEMES) {
      for (const viewport of WIDTHS) {
        const where = `${url} (${colorScheme}, ${viewport.width} px)`;
        const context = await browser.newContext({
          colorScheme,
          viewport,
          storageState: swept.signedOut ? undefined : signedIn,
        });
        try {
          const page = await context.newPage();
          const response = await page.goto(url);
          expect.soft(response?.status(), `${where}: HTTP status`).toBe(swept.status ?? 200);
          await page.waitForLoadState("networkidle");
          const violations = await seriousViolations(page);
          expect.soft(violations, `${where}: serious or critical axe violations`).toEqual([]);
          if (viewport.width < 640) {
            const overflow = await page.evaluate(() => {
              const root = document.scrollingElement ?? document.documentElement;
              return root.scrollWidth - window.innerWidth;
            });
            expect.soft(overflow, `${where}: pixels the page scrolls sideways`).toBeLessThanOrEqual(0);
            expect.soft(await tinyChartLabels(page), `${where}: chart labels under 11 px`).toEqual([]);
          }
        } finally {
          await context.close();
        }
      }
    }
  });
}

test("unknown or malformed ids answer HTTP 404 on every page with an id", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ storageState: signedIn });
  try {
    for (const url of [
      `/chains/${UNKNOWN_ID}`,
      "/chains/not-an-id",
      `/imports/${UNKNOWN_ID}`,
      "/imports/not-an-id",
      `/activity/orders/${UNKNOWN_ID}`,
      "/activity/orders/not-an-id",
      "/explain/no-such-metric",
      "/no-such-page",
    ]) {
      const response = await context.request.get(url, { maxRedirects: 0 });
      expect.soft(response.status(), url).toBe(404);
    }
  } finally {
    await context.close();
  }
});

test("the theme toggle switches at once and the next page is rendered in it from the first byte", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ colorScheme: "light", storageState: signedIn });
  try {
    const page = await context.newPage();
    await page.goto("/dashboard");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const toggle = page.getByRole("button", { name: /^Theme: / });
    await expect(toggle).toHaveAccessibleName("Theme: Auto");
    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: Light");
    await toggle.click();
    await expect(toggle).toHaveAccessibleName("Theme: Dark");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const dark = await background();
    expect(dark).not.toBe(light);

    // The server renders the choice into the HTML itself: no flash of the light theme, no inline script.
    const html = await (await context.request.get("/chains")).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);
    await page.goto("/chains");
    expect(await background()).toBe(dark);
    await page.goto("/dashboard");
    await page.screenshot({ path: testInfo.outputPath("dashboard-dark.png"), fullPage: true });

    // Back to Auto: the cookie is cleared and the system's scheme decides again.
    await page.getByRole("button", { name: "Theme: Dark" }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.*/);
    expect(await (await context.request.get("/chains")).text()).not.toMatch(/<html[^>]*data-theme=/);
  } finally {
    await context.close();
  }
});

test("on a phone the navigation opens from a Menu button, and every element shows keyboard focus", async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: signedIn });
  try {
    const page = await context.newPage();
    await page.goto("/dashboard");
    const chains = page.getByRole("link", { name: "Chains", exact: true });
    await expect(chains).toBeHidden();
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.screenshot({ path: testInfo.outputPath("menu-phone.png") });
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await menu.click();
    await chains.click();
    await expect(page).toHaveURL(/\/chains$/);
    await expect(page.getByRole("heading", { name: "Roll chains", level: 1 })).toBeVisible();
    await expect(chains).toBeHidden();

    // The first Tab stop skips to the content.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/dashboard");
    // On a wide screen every section is in the bar itself.
    await expect(menu).toBeHidden();
    await expect(page.getByRole("link", { name: "Settings", exact: true })).toBeInViewport();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);

    // Every Tab stop on the dashboard draws an outline (or its own focus ring).
    const unmarked: string[] = [];
    for (let stop = 0; stop < 25; stop++) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const visible =
          (style.outlineStyle !== "none" && style.outlineWidth !== "0px") || style.boxShadow !== "none";
        return {
          visible,
          what: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 30)}"`,
        };
      });
      if (focus && !focus.visible) unmarked.push(focus.what);
    }
    expect(unmarked).toEqual([]);
  } finally {
    await context.close();
  }
});

test("an import's page of 2,800 rows answers well under a second, a page of rows at a time", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const context = await browser.newContext({ storageState: signedIn });
  try {
    const page = await context.newPage();
    const importId = await importFile(page, await largeActivityReport());
    await page.goto(`/imports/${importId}`);
    const summary = (await page.locator(".page-header p").last().textContent()) ?? "";
    const rows = Number(/(\d[\d,]*) rows/.exec(summary)?.[1]?.replace(/,/g, ""));
    expect(rows).toBeGreaterThanOrEqual(LARGE_IMPORT_ROWS);
    await expect(page.locator("tbody tr")).toHaveCount(200);
    const pages = Math.ceil(rows / 200);
    await expect(page.getByText(`Page 1 of ${pages}`)).toBeVisible();

    // The server's whole answer (HTML included), first and last page, best of three each.
    const timings: Record<string, number> = {};
    for (const [name, url] of [
      ["first page", `/imports/${importId}`],
      ["last page", `/imports/${importId}?page=${pages}`],
    ] as const) {
      const runs: number[] = [];
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const response = await context.request.get(url);
        await response.body();
        expect(response.status()).toBe(200);
        runs.push(performance.now() - started);
      }
      timings[name] = Math.min(...runs);
    }
    // Reported for the record; the bound only catches a page that renders every row again (the target
    // is well under a second; this machine's load varies).
    console.log(
      `import page of ${rows} rows: ${JSON.stringify(timings, (_, value) => (typeof value === "number" ? Math.round(value) : value))} ms`,
    );
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(2_000);
  } finally {
    await context.close();
  }
});
