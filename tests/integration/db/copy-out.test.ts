import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByteKeys } from "@/lib/server/db/byte-keys";
import {
  keyColumn,
  readCopyColumnsTogether,
  referenceColumn,
  textColumn,
} from "@/lib/server/db/copy-columns";
import { copyOut } from "@/lib/server/db/copy-out";
import { connectOwner } from "@/tests/support/test-database";

// COPY output read from the socket in place, against a real PostgreSQL: every byte reaches its
// statement's sink whatever the socket cuts, and the connection reads its next query after a success,
// a server error or a sink's error.

let owner: Awaited<ReturnType<typeof connectOwner>>;

beforeAll(async () => {
  owner = await connectOwner();
});

afterAll(async () => {
  await owner.end();
});

/** Each statement's output as one string. */
async function outputs(statements: string[]): Promise<string[]> {
  const pieces = statements.map(() => [] as Buffer[]);
  await copyOut(
    owner,
    statements,
    pieces.map((list) => (piece: Buffer) => list.push(Buffer.from(piece))),
  );
  return pieces.map((list) => Buffer.concat(list).toString("utf8"));
}

describe("copyOut", () => {
  it("hands each statement's rows to its own sink, whole, over many socket reads", async () => {
    // About 6 MB: rows cut by the socket's reads and by the piece buffer's size, wide rows longer
    // than a piece, multi-byte characters.
    const [numbers, wide, empty, words] = await outputs([
      "COPY (SELECT n, n * 2 FROM generate_series(1, 200000) n) TO STDOUT",
      "COPY (SELECT repeat('é', 40000 + n) FROM generate_series(1, 3) n) TO STDOUT",
      "COPY (SELECT 1 WHERE false) TO STDOUT",
      "COPY (SELECT * FROM (VALUES ('a\tb'), (NULL), ('line\nbreak')) v(t)) TO STDOUT",
    ]);
    const lines = (numbers as string).split("\n");
    expect(lines).toHaveLength(200001);
    expect(lines[0]).toBe("1\t2");
    expect(lines[199999]).toBe("200000\t400000");
    expect(lines[200000]).toBe("");
    expect((wide as string).split("\n").map((line) => line.length)).toEqual([40001, 40002, 40003, 0]);
    expect(wide?.startsWith("éé")).toBe(true);
    expect(empty).toBe("");
    expect(words).toBe("a\\tb\n\\N\nline\\nbreak\n");
    const after = await owner.query("SELECT 41 + 1 AS answer");
    expect(after.rows).toEqual([{ answer: 42 }]);
  });

  it("rejects with the server's error, runs none of the statements after it, and leaves the connection usable", async () => {
    const seen: string[] = [];
    await expect(
      copyOut(
        owner,
        [
          "COPY (SELECT 'first') TO STDOUT",
          "COPY (SELECT 1 / (n - 3) FROM generate_series(1, 5) n) TO STDOUT",
          "COPY (SELECT 'third') TO STDOUT",
        ],
        [0, 1, 2].map((index) => (piece: Buffer) => seen.push(`${index}:${piece.toString()}`)),
      ),
    ).rejects.toThrow(/division by zero/);
    expect(seen[0]).toBe("0:first\n");
    expect(seen.some((piece) => piece.startsWith("2:"))).toBe(false);
    const after = await owner.query("SELECT 'still here' AS answer");
    expect(after.rows).toEqual([{ answer: "still here" }]);
  });

  it("rejects with a sink's error after reading the rest, and leaves the connection usable", async () => {
    let calls = 0;
    await expect(
      copyOut(
        owner,
        ["COPY (SELECT n FROM generate_series(1, 300000) n) TO STDOUT", "COPY (SELECT 'next') TO STDOUT"],
        [
          () => {
            calls++;
            throw new Error("a value the reader refuses");
          },
          () => {
            calls++;
          },
        ],
      ),
    ).rejects.toThrow("a value the reader refuses");
    expect(calls).toBe(1);
    const after = await owner.query("SELECT count(*)::int AS n FROM generate_series(1, 3)");
    expect(after.rows).toEqual([{ n: 3 }]);
  });

  it("refuses a statement that is not a COPY to this side, and a count of statements unlike the sinks'", async () => {
    await expect(copyOut(owner, ["SELECT 1"], [() => {}])).rejects.toThrow(/not a COPY/);
    await expect(
      copyOut(owner, ["COPY (SELECT 1) TO STDOUT; COPY (SELECT 2) TO STDOUT"], [() => {}]),
    ).rejects.toThrow(/statement 2 of 1/);
    const after = await owner.query("SELECT 'ok' AS answer");
    expect(after.rows).toEqual([{ answer: "ok" }]);
  });
});

describe("copyOut on a socket it cannot stand in on", () => {
  it("rejects, and the connection goes on with its next query", async () => {
    // Another reader of the socket's data besides the driver's: copyOut refuses to take it over.
    const stream = (owner as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection.stream;
    const other = () => {};
    stream.on("data", other);
    try {
      await expect(copyOut(owner, ["COPY (SELECT 1) TO STDOUT"], [() => {}])).rejects.toThrow(
        /no single reader/,
      );
    } finally {
      stream.removeListener("data", other);
    }
    const after = await owner.query("SELECT 'next' AS answer");
    expect(after.rows).toEqual([{ answer: "next" }]);
  });
});

describe("readCopyColumnsTogether", () => {
  it("joins a later read to an earlier one's keys, in one query", async () => {
    const keys = new ByteKeys();
    const [parents, children] = await readCopyColumnsTogether(owner, [
      {
        select: "SELECT id, name FROM (VALUES ('p1', 'one'), ('p2', 'two')) v(id, name)",
        columns: { id: keyColumn("id", keys), name: textColumn("name") },
      },
      {
        select: "SELECT parent FROM (VALUES ('p2'), ('p1'), ('p2')) v(parent)",
        columns: { parent: referenceColumn("parent", keys, "parents") },
      },
    ] as const);
    expect(parents.name).toEqual(["one", "two"]);
    expect([...children.parent]).toEqual([1, 0, 1]);
  });
});
