import { describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { connectOwner, setUpTestDatabases } from "@/tests/support/test-database";
import { fillRow, syntheticReport } from "./support/synthetic-report";

const TRADER = "eeeeeeee-0000-4000-8000-000000000031";
const OTHER = "eeeeeeee-0000-4000-8000-000000000032";
const NOON = new Date("2026-12-03T12:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

/** Signing in creates the user's row, as it does before any upload in the app. */
async function signIn(robinhoodUserId: string) {
  await withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "sign-in" }, async () => {});
}

describe("one import at a time per user", () => {
  it("a second import of the same user while one runs is refused at once with a clear message", async () => {
    const { db } = databases;
    const text = syntheticReport(2_000);
    const [first, second] = await Promise.all([
      importCsvFile({ db, robinhoodUserId: TRADER, fileName: "a.csv", text }),
      importCsvFile({ db, robinhoodUserId: TRADER, fileName: "b.csv", text: syntheticReport(2_001) }),
    ]);
    const refused = [first, second].filter((result) => result.status === "refused");
    expect(refused).toEqual([
      {
        status: "refused",
        reason: "busy",
        message:
          "An import is already running for your account. Wait for it to finish, then upload this file again.",
      },
    ]);
    expect([first, second].filter((result) => result.status === "imported")).toHaveLength(1);
    // Once it is done, the next import runs.
    const third = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "c.csv",
      text: syntheticReport(5),
    });
    expect(third.status).toBe("imported");
  });

  it("the slot is held across every instance: another connection holding it refuses this one", async () => {
    const { db } = databases;
    const holder = await connectOwner();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [
        `rollbook-import:${userIdFromRobinhoodUserId(TRADER)}`,
      ]);
      const busy = await importCsvFile({
        db,
        robinhoodUserId: TRADER,
        fileName: "a.csv",
        text: syntheticReport(5),
      });
      expect(busy).toMatchObject({ status: "refused", reason: "busy" });
      // Another user is not held up.
      const other = await importCsvFile({
        db,
        robinhoodUserId: OTHER,
        fileName: "a.csv",
        text: syntheticReport(5),
      });
      expect(other.status).toBe("imported");
    } finally {
      await holder.end();
    }
    const after = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "a.csv",
      text: syntheticReport(5),
    });
    expect(after.status).toBe("imported");
  });
});

describe("bytes per day", () => {
  it("counts every upload, refused files included, and refuses one that would go over until 00:00 UTC", async () => {
    const { db, owner } = databases;
    await signIn(TRADER);
    const file = syntheticReport(100);
    const size = Buffer.byteLength(file);
    const limits = { bytesPerDay: 2 * size + 10 };

    const first = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "a.csv",
      text: file,
      limits,
      now: NOON,
    });
    expect(first.status).toBe("imported");
    // A file with a bad row is read, so it counts too.
    const bad = syntheticReport(100, new Map([[50, fillRow(50).replace("$0.42", "$0.4x")]]));
    const rejected = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "b.csv",
      text: bad,
      limits,
      now: NOON,
    });
    expect(rejected.status).toBe("rejected");

    const third = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "c.csv",
      text: syntheticReport(101),
      limits,
      now: NOON,
    });
    expect(third).toMatchObject({ status: "refused", reason: "quota" });
    if (third.status !== "refused") return;
    expect(third.message).toMatch(
      /^This file \([\d.]+ KB\) would go over your import allowance of [\d.]+ KB a day \([\d.]+ KB used today\)/,
    );
    expect(third.message).toMatch(/resets at 00:00 UTC, in 12 h 0 min\.$/);
    const { rows } = await owner.query(
      "SELECT count(*)::int AS n, sum(byte_count)::int AS bytes FROM import_usage",
    );
    expect(rows[0]).toEqual({ n: 2, bytes: 2 * size });

    // The next UTC day starts afresh, and yesterday's usage is deleted.
    const tomorrow = new Date("2026-12-04T00:00:01Z");
    const next = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "c.csv",
      text: syntheticReport(101),
      limits,
      now: tomorrow,
    });
    expect(next.status).toBe("imported");
    const { rows: left } = await owner.query("SELECT count(*)::int AS n FROM import_usage");
    expect(left[0].n).toBe(1);
  });

  it("a file larger than the whole allowance is refused before it is read", async () => {
    const { db, owner } = databases;
    await signIn(TRADER);
    const result = await importCsvFile({
      db,
      robinhoodUserId: TRADER,
      fileName: "big.csv",
      text: syntheticReport(100),
      limits: { bytesPerDay: 1024 },
      now: NOON,
    });
    expect(result).toMatchObject({ status: "refused", reason: "quota" });
    const { rows } = await owner.query("SELECT count(*)::int AS n FROM import_usage");
    expect(rows[0].n).toBe(0);
  });
});
