import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { finishSideWork, whileWaiting } from "@/lib/server/db/side-work";

/** Steps that record when they ran, each taking `ms` of this thread; `failAt` throws instead. */
function* steps(log: string[], count: number, failAt = -1, ms = 0): Generator<void> {
  for (let step = 0; step < count; step++) {
    if (step === failAt) throw new Error(`step ${step} failed`);
    const until = performance.now() + ms;
    while (performance.now() < until);
    log.push(`step ${step}`);
    yield;
  }
}

describe("side work while waiting on the server", () => {
  it("runs its steps while the wait lasts, then stops, leaving the rest to finish", async () => {
    const log: string[] = [];
    let release = () => {};
    const waiting = new Promise<string>((resolve) => {
      release = () => {
        log.push("answered");
        resolve("answer");
      };
    });
    const work = steps(log, 40, -1, 1);
    // Some steps have room before the answer; the rest must not run until asked.
    const counted = (async () => {
      while (log.length < 3) await sleep(1);
      release();
    })();
    const answer = await whileWaiting(work, waiting);
    await counted;
    expect(answer).toBe("answer");
    const ranBefore = log.indexOf("answered");
    expect(ranBefore).toBeGreaterThanOrEqual(3);
    expect(ranBefore).toBeLessThan(40);
    await sleep(20);
    // Nothing ran after the answer until the rest is finished at once.
    expect(log.slice(ranBefore + 1)).toEqual([]);
    finishSideWork(work);
    expect(log.filter((entry) => entry.startsWith("step"))).toEqual(
      Array.from({ length: 40 }, (_, step) => `step ${step}`),
    );
  });

  it("lets what it waits on go first: a step never runs twice while a piece of it is due", async () => {
    const log: string[] = [];
    const waiting = (async () => {
      for (let piece = 0; piece < 4; piece++) {
        await sleep(2);
        log.push("piece");
      }
    })();
    // Endless steps of 3 ms each: run back to back, or ahead of the timers, they would never let the
    // wait end.
    const work = (function* () {
      for (;;) {
        const until = performance.now() + 3;
        while (performance.now() < until);
        log.push("step");
        yield;
      }
    })();
    await whileWaiting(work, waiting);
    const betweenPieces = log
      .join(" ")
      .split("piece")
      .slice(1, -1)
      .map((stretch) => stretch.split("step").length - 1);
    expect(betweenPieces).toHaveLength(3);
    for (const steps of betweenPieces) expect(steps).toBeLessThanOrEqual(2);
  });

  it("throws a step's error once the wait is over, and the wait's own error first", async () => {
    const log: string[] = [];
    await expect(
      whileWaiting(
        steps(log, 5, 1),
        sleep(20).then(() => "answer"),
      ),
    ).rejects.toThrow("step 1 failed");
    expect(log).toEqual(["step 0"]);
    await expect(
      whileWaiting(
        steps([], 5, 0),
        sleep(20).then(() => {
          throw new Error("the query failed");
        }),
      ),
    ).rejects.toThrow("the query failed");
  });

  it("finishes at once what was not started, and does nothing without work", async () => {
    const log: string[] = [];
    finishSideWork(steps(log, 3));
    expect(log).toEqual(["step 0", "step 1", "step 2"]);
    finishSideWork(undefined);
    await expect(whileWaiting(undefined, Promise.resolve(7))).resolves.toBe(7);
  });
});
