import { brotliCompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dayNumber } from "@/lib/pnl";
import { ExecutionColumnsBuilder, type InstrumentRow } from "@/lib/server/recompute/execution-columns";
import {
  encodeInputSnapshot,
  INPUT_SNAPSHOT_FORMAT,
  InputSnapshotRecorder,
  parseInputSnapshot,
} from "@/lib/server/recompute/input-snapshot";

// A recorder keeps row numbers of the loader's columns and makes the snapshot, and its digest, from
// them when asked: the digest decides whether a stored snapshot is written again, so any change in
// what the snapshot holds must change it.

const put: InstrumentRow = {
  id: "instrument-put",
  underlying: "ACME",
  expiration_date: "2026-03-20",
  strike_price: "50",
  option_type: "PUT",
  multiplier: "100",
};
const call: InstrumentRow = { ...put, id: "instrument-call", option_type: "CALL" };

type Fill = { id: string; account: string; instrument: InstrumentRow; order: string | null; price: number };

/** The fills added to a builder and recorded (all but an unrecorded one in the middle). */
function recorded(fills: Fill[], strategies = new Map<string, string>(), instruments = [put, call]) {
  const builder = new ExecutionColumnsBuilder(fills.length + 1, instruments);
  const recorder = new InputSnapshotRecorder("2026-03-01", builder.recordedFillSource());
  const add = (fill: Fill, day: string) =>
    builder.addNumbered(
      fill.id,
      builder.accountNumber(fill.account),
      builder.contractRow(instruments.findIndex((instrument) => instrument.id === fill.instrument.id)),
      fill.order === null ? -1 : builder.orderNumber(fill.order),
      1,
      1_000_000,
      fill.price,
      0,
      Date.parse(`${day}T15:00:00Z`),
      dayNumber(day),
    );
  fills.forEach((fill, index) => {
    recorder.fill(
      add(fill, `2026-02-${String((index % 28) + 1).padStart(2, "0")}`),
      1_000 + index,
      strategies.get(fill.id),
    );
    // A fill of another underlying, or after the day, between them: a row the recorder never sees.
    if (index === 0) add({ ...fill, id: "not-recorded", account: "other", order: "other" }, "2026-03-02");
  });
  return recorder;
}

const fills: Fill[] = [
  { id: "f1", account: "acct-b", instrument: call, order: "o1", price: 2_500_000 },
  { id: "f2", account: "acct-a", instrument: put, order: null, price: 1_000_000 },
  { id: "f3", account: "acct-b", instrument: call, order: "o1", price: 3_000_000 },
];

describe("InputSnapshotRecorder", () => {
  it("makes the snapshot from the recorded rows, numbered in its own first-seen order", () => {
    const recorder = recorded(fills, new Map([["f3", "short_put"]]));
    const snapshot = recorder.snapshot();
    expect(snapshot).toMatchObject({
      instruments: [call, put],
      accounts: ["acct-b", "acct-a"],
      orders: ["o1"],
      fills: {
        id: ["f1", "f2", "f3"],
        account: [0, 1, 0],
        instrument: [0, 1, 0],
        order: [0, -1, 0],
        price: [2_500_000, 1_000_000, 3_000_000],
        tradeDay: ["2026-02-01", "2026-02-02", "2026-02-03"].map(dayNumber),
      },
      openingStrategies: [["f3", "short_put"]],
      firstDay: "2026-02-01",
      lastDay: "2026-02-03",
      watermarkMs: 1_002,
    });
    expect(recorder.fills).toBe(3);
    expect(recorder.fillsFrom(dayNumber("2026-02-02"))).toBe(2);
    // Stored compressed and read back as it was made.
    const stored = recorder.encoded();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.includes(Buffer.from('"acct-b"'))).toBe(false);
    expect(parseInputSnapshot(stored)).toEqual(snapshot);
    expect(recorder.encoded()).toBe(stored);
  });

  it("reads no stored snapshot it cannot use: another format, plain JSON, or bytes that are not one", () => {
    const snapshot = recorded(fills).snapshot();
    expect(parseInputSnapshot(encodeInputSnapshot(snapshot))).toEqual(snapshot);
    const otherFormat = { ...snapshot, format: INPUT_SNAPSHOT_FORMAT - 1 } as unknown as typeof snapshot;
    expect(parseInputSnapshot(encodeInputSnapshot(otherFormat))).toBeNull();
    // What the earlier format stored: the JSON itself.
    expect(parseInputSnapshot(Buffer.from(JSON.stringify(snapshot)))).toBeNull();
    expect(parseInputSnapshot(Buffer.from([0x0b, 0x01, 0x80, 0x00]))).toBeNull();
    expect(parseInputSnapshot(brotliCompressSync("not json"))).toBeNull();
    expect(parseInputSnapshot(brotliCompressSync("null"))).toBeNull();
  });

  it("gives the same digest for the same inputs, and another for any change in them", () => {
    const digest = recorded(fills).digest();
    expect(recorded(fills).digest()).toBe(digest);
    const changes: Fill[][] = [
      fills.map((fill, index) => (index === 1 ? { ...fill, price: 1_000_001 } : fill)),
      fills.map((fill, index) => (index === 2 ? { ...fill, order: "o2" } : fill)),
      fills.map((fill, index) => (index === 0 ? { ...fill, instrument: put } : fill)),
      fills.map((fill, index) => (index === 1 ? { ...fill, id: "f2b" } : fill)),
      fills.slice(0, 2),
    ];
    const digests = changes.map((changed) => recorded(changed).digest());
    expect(new Set([digest, ...digests]).size).toBe(changes.length + 1);
    expect(recorded(fills, new Map([["f1", "long_call"]])).digest()).not.toBe(digest);
    // A contract's own fields count, each of them, not only which contract a fill names.
    const contractChanges: Partial<InstrumentRow>[] = [
      { strike_price: "55" },
      { expiration_date: "2026-03-27" },
      { multiplier: "10" },
      { underlying: "ACMF" },
    ];
    const contractDigests = contractChanges.map((change) =>
      recorded(fills, new Map(), [{ ...put, ...change }, call]).digest(),
    );
    expect(new Set([digest, ...contractDigests]).size).toBe(contractChanges.length + 1);
  });

  it("tells apart long lists that differ in one element, or only where one list ends", () => {
    // Lists are hashed a few hundred elements at a time: a change past the first piece still counts.
    const many: Fill[] = Array.from({ length: 1_200 }, (_, index) => ({
      id: `f${index}`,
      account: "acct-a",
      instrument: index % 2 === 0 ? put : call,
      order: `o${index}`,
      price: 1_000_000,
    }));
    const digest = recorded(many).digest();
    expect(recorded(many).digest()).toBe(digest);
    const changes: Fill[][] = [
      many.map((fill, index) => (index === 1_100 ? { ...fill, id: "f1100b" } : fill)),
      many.map((fill, index) => (index === 600 ? { ...fill, order: "o601" } : fill)),
      many.map((fill, index) => (index === 514 ? { ...fill, instrument: call } : fill)),
      many.slice(0, 1_199),
    ];
    const digests = changes.map((changed) => recorded(changed).digest());
    expect(new Set([digest, ...digests]).size).toBe(changes.length + 1);
  });
});
