import { beforeAll, describe, expect, it } from "vitest";
import { generateUserHistory } from "@/simulator";
import type { SimHistory } from "@/simulator/history/types";
import { isoFromDay, isTradingDay, newYorkDay, newYorkTimeMs } from "@/simulator/market/calendar";
import { buildDataset, type Dataset } from "@/simulator/server/dataset";
import { DEFAULT_USERS, simulatedUserSchema } from "@/simulator/users";
import { TEST_SEED } from "./helpers";

type Json = Record<string, unknown>;
type Order = Json & { legs: (Json & { executions: Json[] })[] };

/** Exact decimal → scaled BigInt (the test must not trust floats either). */
function units(text: unknown, scale = 8): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!match) throw new Error(`not a decimal: ${String(text)}`);
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > scale) throw new Error(`too many places: ${String(text)}`);
  const value = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign === "-" ? -value : value;
}

const demo = simulatedUserSchema.parse(DEFAULT_USERS[0]);
let history: SimHistory;
let data: Dataset;
let orders: Order[];
let filled: Order[];

beforeAll(() => {
  history = generateUserHistory(demo, { seed: TEST_SEED, now: "2026-11-18T22:00:00Z" });
  data = buildDataset(history, "https://api.robinhood.test");
  orders = data.orders.map((item) => item.json as Order).reverse();
  filled = orders.filter((o) => o.state === "filled");
});

const isSingle = (o: Order, side: string, effect: string) =>
  o.legs.length === 1 && o.legs[0]?.side === side && o.legs[0]?.position_effect === effect;

describe("the demo history looks like an options trader's two years", () => {
  it("spans about two years and ends at the simulated now", () => {
    const first = Date.parse(String(orders[0]?.created_at));
    const nowMs = Date.parse("2026-11-18T22:00:00Z");
    expect(nowMs - first).toBeGreaterThan(720 * 86_400_000);
    expect(nowMs - first).toBeLessThan(735 * 86_400_000);
    const instants = [
      ...orders.flatMap((o) => [
        o.created_at,
        o.updated_at,
        ...o.legs.flatMap((l) => l.executions.map((e) => e.timestamp)),
      ]),
      ...data.events.flatMap((e) => [e.json.created_at, e.json.updated_at]),
    ].map((t) => Date.parse(String(t)));
    expect(Math.max(...instants)).toBeLessThanOrEqual(nowMs);
    expect(orders.length).toBeGreaterThan(300);
  });

  it("trades only on trading days during market hours, one order after another", () => {
    let previous = 0;
    for (const order of history.orders) {
      expect(order.createdAtUs).toBeGreaterThan(previous);
      previous = order.createdAtUs;
      const fills = order.legs.flatMap((leg) => leg.executions.map((e) => e.timestampUs));
      for (const at of [order.createdAtUs, ...fills]) {
        const day = newYorkDay(at / 1000);
        expect(isTradingDay(day), isoFromDay(day)).toBe(true);
        expect(at / 1000).toBeGreaterThanOrEqual(newYorkTimeMs(day, 9 * 60 + 30));
        expect(at / 1000).toBeLessThan(newYorkTimeMs(day, 16 * 60));
      }
    }
  });

  it("sells cash-secured puts and covered calls only against shares it holds (bought or assigned)", () => {
    expect(
      filled.filter((o) => o.opening_strategy === "short_put" && isSingle(o, "sell", "open")).length,
    ).toBeGreaterThan(20);
    const coveredCalls = filled.filter(
      (o) => o.opening_strategy === "short_call" && isSingle(o, "sell", "open"),
    );
    expect(coveredCalls.length).toBeGreaterThan(5);
    for (const order of coveredCalls) {
      const at = Date.parse(String(order.created_at));
      const delivered = history.events
        .filter((e) => e.equity && e.contract.symbol === order.chain_symbol && e.createdAtUs / 1000 < at)
        .reduce((sum, e) => sum + (e.equity?.side === "buy" ? 1 : -1) * (e.equity?.shares ?? 0), 0);
      const traded = history.stockOrders
        .filter((o) => o.symbol === order.chain_symbol)
        .flatMap((o) => o.executions.map((e) => ({ side: o.side, e })))
        .filter(({ e }) => e.timestampUs / 1000 < at)
        .reduce((sum, { side, e }) => sum + (side === "buy" ? 1 : -1) * e.shares, 0);
      const shares = delivered + traded;
      expect(shares, `${String(order.id)} is covered`).toBeGreaterThanOrEqual(Number(order.quantity) * 100);
    }
  });

  it("trades credit spreads as one two-leg order, opened and closed", () => {
    const opened = filled.filter(
      (o) =>
        o.legs.length === 2 && ["short_put_spread", "short_call_spread"].includes(String(o.opening_strategy)),
    );
    expect(opened.length).toBeGreaterThan(10);
    for (const order of opened) {
      expect(order.direction).toBe("credit");
      expect(order.legs.map((l) => l.side).sort()).toEqual(["buy", "sell"]);
      expect(order.legs[0]?.expiration_date).toBe(order.legs[1]?.expiration_date);
    }
    expect(filled.some((o) => o.legs.length === 2 && String(o.closing_strategy).endsWith("_spread"))).toBe(
      true,
    );
  });

  it("rolls as one order (close + open legs) and as two orders on the same day", () => {
    const oneOrder = filled.filter((o) => o.legs.length === 2 && o.opening_strategy && o.closing_strategy);
    expect(oneOrder.length).toBeGreaterThan(3);
    for (const roll of oneOrder) {
      expect(roll.form_source).toBe("strategy_roll");
      expect(roll.legs.map((l) => l.position_effect)).toEqual(["close", "open"]);
      expect(roll.legs[0]?.option).not.toBe(roll.legs[1]?.option);
    }
    const day = (o: Order) => String(o.legs[0]?.executions[0]?.timestamp).slice(0, 10);
    const twoOrder = filled.filter((close, index) => {
      if (!isSingle(close, "buy", "close")) return false;
      const next = filled
        .slice(index + 1, index + 4)
        .find((o) => o.chain_symbol === close.chain_symbol && isSingle(o, "sell", "open"));
      return (
        next !== undefined &&
        day(next) === day(close) &&
        next.legs[0]?.option_type === close.legs[0]?.option_type &&
        String(next.legs[0]?.expiration_date) > String(close.legs[0]?.expiration_date)
      );
    });
    expect(twoOrder.length).toBeGreaterThan(2);
  });

  it("has partial fills, cancelled orders with and without fills, and GFD orders that died at the close", () => {
    expect(filled.filter((o) => o.legs[0] && o.legs[0].executions.length > 1).length).toBeGreaterThan(20);
    const cancelled = orders.filter((o) => o.state === "cancelled");
    const partial = cancelled.filter((o) => units(o.processed_quantity) > 0n);
    expect(partial.length).toBeGreaterThan(3);
    for (const o of partial)
      expect(units(o.processed_quantity) + units(o.canceled_quantity)).toBe(units(o.quantity));
    expect(cancelled.filter((o) => units(o.processed_quantity) === 0n).length).toBeGreaterThan(5);
    expect(cancelled.some((o) => o.response_category === "end_of_day")).toBe(true);
    expect(
      orders
        .filter((o) => o.state === "confirmed" || o.state === "queued")
        .every((o) => typeof o.cancel_url === "string"),
    ).toBe(true);
  });

  it("ends positions by expiration (short and long), assignment (put and call) and exercise", () => {
    const kinds = new Set(history.events.map((e) => `${e.type}/${e.positionType}/${e.contract.type}`));
    for (const kind of [
      "expiration/short/put",
      "expiration/short/call",
      "expiration/long/call",
      "assignment/short/put",
      "assignment/short/call",
      "exercise/long/call",
    ]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it("has a mark for every open contract", () => {
    const open = data.optionPositions.filter((p) => p.fields.nonzero === "true").map((p) => p.json);
    expect(open.length).toBeGreaterThan(3);
    for (const position of open) {
      const mark = data.marketData(String(position.option_id));
      expect(mark?.state).toBe("active");
      expect(units(mark?.mark_price)).toBeGreaterThanOrEqual(0n);
    }
  });
});

describe("money in the generated data is exact", () => {
  it("premium, processed premium, fees, net amount and averages agree to the cent on every order", () => {
    for (const order of orders) {
      const where = String(order.id);
      expect(units(order.premium), where).toBe(units(order.price) * 100n);
      let signed = 0n;
      let fills = 0n;
      for (const leg of order.legs) {
        for (const execution of leg.executions) {
          const value = (units(execution.price) * units(execution.quantity)) / 10n ** 8n;
          signed += (leg.side === "sell" ? 1n : -1n) * value * 100n;
          if (leg === order.legs[0]) fills += units(execution.quantity);
        }
      }
      const processed = signed < 0n ? -signed : signed;
      expect(units(order.processed_premium), where).toBe(processed);
      expect(units(order.processed_quantity), where).toBe(
        fills / BigInt(Number(order.legs[0]?.ratio_quantity ?? 1)),
      );
      if (processed === 0n) {
        expect(order.net_amount).toBe("0");
        continue;
      }
      const fees = units(order.regulatory_fees);
      expect(fees, `${where} pays fees`).toBeGreaterThan(0n);
      const net = order.net_amount_direction === "credit" ? processed - fees : processed + fees;
      expect(units(order.net_amount), where).toBe(net);
      expect(order.net_amount_direction).toBe(signed > 0n ? "credit" : "debit");
      // Per spread unit, rounded half up at the 8th place; negative for credits (§3.2).
      const quantity = units(order.processed_quantity);
      const average = (2n * processed * 10n ** 8n + quantity) / (2n * quantity);
      expect(units(order.average_net_premium_paid), where).toBe(signed > 0n ? -average : average);
    }
  });

  it("the account's cash is the deposit plus every fill, fee, stock leg and stock trade", () => {
    let cents = BigInt(history.account.depositCents);
    for (const order of orders) {
      if (order.net_amount === "0") continue;
      const net = units(order.net_amount, 2);
      cents += order.net_amount_direction === "credit" ? net : -net;
    }
    for (const event of history.events) {
      if (!event.equity) continue;
      const notional = BigInt(event.equity.priceCents * event.equity.shares);
      cents += event.equity.side === "sell" ? notional - BigInt(event.equity.feeCents) : -notional;
    }
    for (const { json } of data.stockOrders) {
      for (const execution of json.executions as Json[]) {
        const notional = (units(execution.price) * units(execution.quantity)) / 10n ** 14n;
        cents += json.side === "sell" ? notional : -notional;
      }
      if (json.side === "sell") cents -= units(json.fees, 2);
    }
    expect(units(data.accounts[0]?.json.cash, 2)).toBe(cents);
  });

  it("assignment and exercise cash is strike × 100 × contracts", () => {
    for (const { json } of data.events) {
      const [stock] = json.equity_components as Json[];
      if (!stock) continue;
      expect(units(json.total_cash_amount, 4)).toBe(
        (units(stock.price, 4) * units(stock.quantity, 8)) / 10n ** 8n,
      );
      expect(units(stock.quantity, 8)).toBe(units(json.quantity, 8) * 100n);
    }
  });
});

describe("the demo history runs the wheel on shares it buys as well as shares it is assigned", () => {
  type ShareMove = { at: number; symbol: string; shares: number; how: string };

  function shareMoves(): ShareMove[] {
    const moves: ShareMove[] = [];
    for (const order of history.stockOrders) {
      for (const e of order.executions) {
        const sign = order.side === "buy" ? 1 : -1;
        moves.push({
          at: e.timestampUs,
          symbol: order.symbol,
          shares: sign * e.shares,
          how: `order-${order.side}`,
        });
      }
    }
    for (const event of history.events) {
      if (!event.equity) continue;
      const sign = event.equity.side === "buy" ? 1 : -1;
      const how = `${event.type}-${event.contract.type}`;
      moves.push({
        at: event.createdAtUs,
        symbol: event.contract.symbol,
        shares: sign * event.equity.shares,
        how,
      });
    }
    return moves.sort((a, b) => a.at - b.at);
  }

  it("buys shares, writes covered calls on them, and has them called away", () => {
    const bought = history.stockOrders.filter(
      (o) => o.side === "buy" && o.state === "filled" && o.shares >= 100,
    );
    expect(bought.length).toBeGreaterThan(3);
    const story = bought.some((buy) => {
      const after = buy.updatedAtUs;
      const call = history.orders.find(
        (o) =>
          o.symbol === buy.symbol &&
          o.createdAtUs > after &&
          o.openingStrategy === "short_call" &&
          o.legs.length === 1 &&
          o.legs[0]?.positionEffect === "open",
      );
      return (
        call !== undefined &&
        history.events.some(
          (e) =>
            e.type === "assignment" &&
            e.contract.type === "call" &&
            e.contract.symbol === buy.symbol &&
            e.createdAtUs > call.createdAtUs,
        )
      );
    });
    expect(story).toBe(true);
  });

  it("sells shares a put assignment delivered, and plain odd lots, never more than it holds", () => {
    const moves = shareMoves();
    const held = new Map<string, number>();
    let soldAfterPutAssignment = 0;
    const lastIn = new Map<string, string>();
    for (const move of moves) {
      const next = (held.get(move.symbol) ?? 0) + move.shares;
      expect(next, `${move.symbol} at ${move.at}`).toBeGreaterThanOrEqual(0);
      held.set(move.symbol, next);
      if (move.shares > 0) lastIn.set(move.symbol, move.how);
      if (move.how === "order-sell" && lastIn.get(move.symbol) === "assignment-put")
        soldAfterPutAssignment += 1;
    }
    expect(soldAfterPutAssignment).toBeGreaterThan(0);
    const oddLots = history.stockOrders.filter((o) => o.state === "filled" && o.shares % 100 !== 0);
    expect(oddLots.some((o) => o.side === "buy")).toBe(true);
    expect(oddLots.some((o) => o.side === "sell")).toBe(true);
  });

  it("serves /positions/ from the same shares: equity orders plus assignments and exercises", () => {
    const moves = shareMoves();
    for (const { json } of data.stockPositions) {
      const symbol = String(json.symbol);
      const expected = moves.filter((m) => m.symbol === symbol).reduce((sum, m) => sum + m.shares, 0);
      expect(units(json.quantity), symbol).toBe(BigInt(expected) * 10n ** 8n);
    }
  });
});
