import { describe, expect, it } from "vitest";
import { isRobinhoodError, type RobinhoodError } from "@/lib/robinhood/client";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_USERNAME, type FaultRuleInput } from "@/simulator";
import {
  expectedCounts,
  queueRevision,
  rawCounts,
  SIM_NOW,
  setUpSyncTestbed,
  signInDemo,
  syncState,
} from "./sync-test-support";

const bed = setUpSyncTestbed();

const demo = () => signInDemo(bed.simulator);

async function rejection(promise: Promise<unknown>): Promise<RobinhoodError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isRobinhoodError(error)) throw new Error(`expected a RobinhoodError, got ${String(error)}`);
  return error;
}

const EMPTY = {
  broker_accounts: 0,
  option_orders: 0,
  option_legs: 0,
  option_executions: 0,
  option_events: 0,
  stock_trades: 0,
  option_instruments: 0,
  option_marks: 0,
};

describe("syncUser: a failure midway commits nothing", () => {
  const cases: { name: string; rule: FaultRuleInput; code: string; phase: string; message: string }[] = [
    {
      name: "5xx on the second page of orders, beyond the retry budget",
      rule: { path: "/options/orders/", skip: 1, times: null, fault: { kind: "status", status: 503 } },
      code: "server_error",
      phase: "orders",
      message: "Robinhood is having problems right now. Try again later.",
    },
    {
      name: "a malformed order on the second page",
      rule: {
        path: "/options/orders/",
        skip: 1,
        fault: { kind: "corrupt_field", field: "processed_premium", value: "12,5" },
      },
      code: "invalid_response",
      phase: "orders",
      message: "Robinhood sent data Rollbook could not read.",
    },
    {
      name: "a truncated JSON body from the instruments endpoint",
      rule: { path: "/options/instruments/", skip: 2, fault: { kind: "malformed_json" } },
      code: "invalid_response",
      phase: "instruments",
      message: "Robinhood sent data Rollbook could not read.",
    },
    {
      name: "a 429 asking for a longer wait than the client sits out, on events",
      rule: { path: "/options/events/", fault: { kind: "throttle", seconds: 86_400 } },
      code: "throttled",
      phase: "events",
      message: "Robinhood is limiting requests right now. Try again later.",
    },
  ];

  it.each(cases)("$name", async ({ rule, code, phase, message }) => {
    const { session, robinhoodUserId, userId, tokens } = await demo();
    bed.simulator.controls.addFault(rule);

    const error = await rejection(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW }));

    expect(error.code).toBe(code);
    expect(await rawCounts(bed.owner, userId)).toEqual(EMPTY);
    expect(await queueRevision(bed.owner, userId)).toBeNull();
    const state = await syncState(bed.owner, userId);
    expect(state).toMatchObject({ status: "FAILED", last_error: message, orders_watermark: null });
    expect(state?.progress).toMatchObject({ phase });
    expect(state?.last_finished_at).toBeInstanceOf(Date);
    for (const secret of [tokens.accessToken, tokens.refreshToken]) {
      expect(state?.last_error).not.toContain(secret);
      expect(JSON.stringify(state?.progress)).not.toContain(secret);
    }
  });

  it("retries a 5xx the agreed number of times before giving up", async () => {
    const { session, robinhoodUserId, slept } = await demo();
    bed.simulator.controls.addFault({
      path: "/options/orders/",
      skip: 1,
      times: null,
      fault: { kind: "status", status: 502 },
    });
    await rejection(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW }));
    const pages = bed.simulator.controls.requests({ path: "/options/orders/" });
    // Page 1, then four attempts at page 2 with three backoff waits between them.
    expect(pages.map((request) => request.status)).toEqual([200, 502, 502, 502, 502]);
    expect(slept).toHaveLength(3);
  });

  it("a failing re-sync restores nothing and changes nothing; the same sync without the fault restores all", async () => {
    const { session, robinhoodUserId, userId } = await demo();
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const complete = await rawCounts(bed.owner, userId);

    // Lose the newest 40 orders (legs and fills go with them), tamper with a fee, forget the watermark.
    await bed.owner.query(
      `DELETE FROM option_orders WHERE id IN
         (SELECT id FROM option_orders ORDER BY broker_created_at DESC LIMIT 40)`,
    );
    const tampered = await bed.owner.query<{ broker_execution_id: string; original: string }>(
      `UPDATE option_executions SET fees = fees + 1
       WHERE id = (SELECT id FROM option_executions ORDER BY executed_at LIMIT 1)
       RETURNING broker_execution_id, (fees - 1)::text AS original`,
    );
    await bed.owner.query("UPDATE sync_states SET orders_watermark = NULL");
    const damaged = await rawCounts(bed.owner, userId);
    expect(damaged.option_orders).toBe(complete.option_orders - 40);
    const revision = await queueRevision(bed.owner, userId);

    // Market data is the last thing fetched: everything else was already in memory.
    bed.simulator.controls.addFault({
      path: "/marketdata/options/",
      times: null,
      fault: { kind: "status", status: 500 },
    });
    const error = await rejection(syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW }));
    expect(error.code).toBe("server_error");
    expect(await rawCounts(bed.owner, userId)).toEqual(damaged);
    expect(await queueRevision(bed.owner, userId)).toBe(revision);
    expect(await syncState(bed.owner, userId)).toMatchObject({ status: "FAILED", orders_watermark: null });

    bed.simulator.controls.clearFaults();
    const report = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    expect(await rawCounts(bed.owner, userId)).toEqual(complete);
    expect(report.inserted.orders).toBe(40);
    const fee = await bed.owner.query(
      "SELECT fees::text FROM option_executions WHERE broker_execution_id = $1",
      [tampered.rows[0]?.broker_execution_id],
    );
    expect(fee.rows).toEqual([{ fees: tampered.rows[0]?.original }]);
    expect(await syncState(bed.owner, userId)).toMatchObject({ status: "SUCCEEDED", last_error: null });
  });
});

describe("syncUser: throttling", () => {
  it("waits out a 429's Retry-After on a page of orders and then completes", async () => {
    const { session, robinhoodUserId, userId, slept } = await demo();
    bed.simulator.controls.addFault({
      path: "/options/orders/",
      skip: 1,
      fault: { kind: "throttle", seconds: 7, retryAfterHeader: true, detailSeconds: false },
    });

    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    expect(slept).toEqual([7_000]);
    const pages = bed.simulator.controls.requests({ path: "/options/orders/" });
    expect(pages.slice(0, 3).map((request) => request.status)).toEqual([200, 429, 200]);
    expect(pages[2]?.query).toEqual(pages[1]?.query);
    const expected = expectedCounts(bed.simulator.controls.history(DEMO_USERNAME));
    expect(await rawCounts(bed.owner, userId)).toMatchObject({
      option_orders: expected.option_orders,
      option_executions: expected.option_executions,
    });
    expect(await syncState(bed.owner, userId)).toMatchObject({ status: "SUCCEEDED" });
  });
});
