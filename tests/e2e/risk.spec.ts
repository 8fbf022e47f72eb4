import { expect, test } from "@playwright/test";
import { formatShortDate } from "@/components/format/dates";
import { tradingDateOf } from "@/lib/dates/trading-date";
import {
  displayDecimal,
  displayMoney,
  displayPercent,
  formatMinorUnits,
  multiplyDecimals,
  sumDecimals,
} from "@/lib/money";
import { expiryWeekEnd } from "@/lib/risk";
import { DEFAULT_USERS, DEMO_USERNAME, generateUserHistory, simulatedOptionGreeks } from "@/simulator";
import { deriveOptionPositions } from "@/simulator/history/positions";
import { isoFromDay } from "@/simulator/market/calendar";
import { simulatedUserSchema } from "@/simulator/users";
import { openDemo } from "./support/open-demo";

/** The demo trader's history as the running simulator generated it (same seed, same "now"). */
async function demoHistory() {
  const url = process.env.DEMO_ROBINHOOD_URL;
  if (!url) throw new Error("the end-to-end run gives the simulator's URL in DEMO_ROBINHOOD_URL");
  const state = (await (await fetch(`${url}/__simulator/`)).json()) as { seed: number; now: string };
  const demo = simulatedUserSchema.parse(DEFAULT_USERS.find((user) => user.username === DEMO_USERNAME));
  return generateUserHistory(demo, { seed: state.seed, now: state.now });
}

const greek = (value: string) => displayDecimal(value, { minDigits: 4, maxDigits: 4 });

test("the Greeks panel shows the simulator's values, the portfolio's dollars and what expires this week", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const history = await demoHistory();
  const today = tradingDateOf(new Date());
  const open = deriveOptionPositions(history)
    .filter((position) => position.quantity > 0)
    .map((position) => {
      const expiration = isoFromDay(position.contract.expirationDay);
      const kind = position.contract.type === "call" ? "C" : "P";
      const strike = displayDecimal(formatMinorUnits(position.contract.strikeCents, 2, 2), { maxDigits: 4 });
      return {
        position,
        expiration,
        label: `${position.contract.symbol} ${strike}${kind} · ${formatShortDate(expiration)}`,
        side: `${position.type === "short" ? "Short" : "Long"} ${position.contract.type}`,
        signedQuantity: String(position.type === "short" ? -position.quantity : position.quantity),
        greeks: simulatedOptionGreeks(history, position.contract.id),
        price: formatMinorUnits(history.closeCents(position.contract.symbol, history.lastDay), 2, 2),
      };
    });
  // Rollbook closes a contract past its expiry itself (expired, inferred), so the page holds the rest.
  const live = open.filter((entry) => entry.expiration >= today);

  await openDemo(page);
  await page.getByRole("link", { name: "Risk", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Risk", level: 1 })).toBeVisible();
  const all = page.getByRole("region", { name: "Open option positions with their Greeks" });
  await expect(all.getByTestId("risk-row")).toHaveCount(live.length);

  // Each live contract shows the Greeks the simulator's market data served for it.
  for (const entry of live) {
    const row = all.getByTestId("risk-row").filter({ hasText: entry.label }).filter({ hasText: entry.side });
    await expect(row, entry.label).toHaveCount(1);
    const greeks = entry.greeks;
    if (!greeks) throw new Error(`the simulator has no Greeks for ${entry.label}`);
    await expect(row.getByTestId("risk-delta")).toHaveText(greek(greeks.delta));
    await expect(row.getByTestId("risk-gamma")).toHaveText(greek(greeks.gamma));
    await expect(row.getByTestId("risk-theta")).toHaveText(greek(greeks.theta));
    await expect(row.getByTestId("risk-vega")).toHaveText(greek(greeks.vega));
    await expect(row.getByTestId("risk-iv")).toHaveText(displayPercent(greeks.implied_volatility, 2));
  }

  // The portfolio's theta and delta in dollars: per-share Greek × 100 × signed contracts (× price).
  const dollars = (factors: (entry: (typeof live)[number]) => [string, ...string[]]) =>
    displayMoney(
      sumDecimals(live.map((entry) => multiplyDecimals("100", entry.signedQuantity, ...factors(entry)))),
      { signed: true },
    );
  const greeksOf = (entry: (typeof live)[number]) => {
    if (!entry.greeks) throw new Error(`the simulator has no Greeks for ${entry.label}`);
    return entry.greeks;
  };
  await expect(page.getByTestId("portfolio-theta")).toHaveText(dollars((entry) => [greeksOf(entry).theta]));
  await expect(page.getByTestId("portfolio-vega")).toHaveText(dollars((entry) => [greeksOf(entry).vega]));
  await expect(page.getByTestId("portfolio-delta-dollars")).toHaveText(
    dollars((entry) => [greeksOf(entry).delta, entry.price]),
  );

  // What expires from today through this week's Friday.
  const weekEnd = expiryWeekEnd(today);
  const thisWeek = live.filter((entry) => entry.expiration <= weekEnd);
  const expiring = page.locator("section.card", {
    has: page.getByRole("heading", { name: "Expiring this week" }),
  });
  await expect(expiring.locator(".card-header p")).toHaveText(
    `Through ${formatShortDate(weekEnd)}: ${thisWeek.length}`,
  );
  for (const entry of thisWeek) await expect(expiring).toContainText(entry.label);

  // Assignment risk is said in words, not only in colour.
  const flagged = page.locator("section.card", {
    has: page.getByRole("heading", { name: "Assignment risk" }),
  });
  const risky = await flagged.getByTestId("risk-row").count();
  if (risky > 0) await expect(flagged.getByTestId("risk-row").first()).toContainText("Assignment risk");
});
