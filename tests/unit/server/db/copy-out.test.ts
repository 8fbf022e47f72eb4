import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { copyOut } from "@/lib/server/db/copy-out";

// copyOut walks the protocol's messages in place, whatever the socket's reads cut: here a server's
// answer is written out as bytes and handed over in reads cut at every position, so every way a
// header, a row or the end of the query can fall across two reads is met. The real server's side
// is in tests/integration/db/copy-out.test.ts.

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "latin1");
  header.writeUInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const copyOutResponse = () => message("H", Buffer.from([0, 0, 1, 0, 0]));
const row = (text: string) => message("d", Buffer.from(text, "utf8"));
const copyDone = () => message("c", Buffer.alloc(0));
const commandComplete = (tag: string) => message("C", Buffer.from(`${tag}\0`));
const notice = () => message("N", Buffer.from("SWARNING\0Mslow\0\0"));
const error = () => message("E", Buffer.from("SERROR\0Mboom\0\0"));
const ready = () => message("Z", Buffer.from("I"));

/**
 * Runs copyOut on a connection whose socket delivers an answer in the given reads, with a stand-in
 * for the driver that, once copyOut hands the socket back, reads an error or the end of the query.
 * Resolves to each statement's output, and to what the driver was handed.
 */
async function run(reads: Buffer[], statements: number) {
  const socket = new EventEmitter();
  const handed: Buffer[] = [];
  let query: { handleError(error: Error): void; handleReadyForQuery(): void } | null = null;
  socket.on("data", (chunk: Buffer) => {
    handed.push(Buffer.from(chunk));
    // The driver's reading, reduced to the two messages it is handed: the first byte of each read
    // here is a message's, as copyOut hands it back at one.
    const bytes = Buffer.concat(handed);
    for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readUInt32BE(at + 1)) {
      if (at + 1 + bytes.readUInt32BE(at + 1) > bytes.length) break;
      if (bytes[at] === 0x45) query?.handleError(new Error("server error"));
      if (bytes[at] === 0x5a) query?.handleReadyForQuery();
    }
  });
  const outputs = Array.from({ length: statements }, () => [] as Buffer[]);
  const client = {
    query(submittable: { submit(connection: unknown): Error | undefined }) {
      query = submittable as unknown as typeof query;
      const refused = submittable.submit({ stream: socket, query: () => {} });
      if (refused) throw refused;
    },
  } as unknown as pg.ClientBase;
  const done = copyOut(
    client,
    outputs.map((_, index) => `COPY ${index}`),
    outputs.map((list) => (piece: Buffer) => list.push(Buffer.from(piece))),
  );
  for (const read of reads) socket.emit("data", Buffer.from(read));
  const result = await done.then(
    () => null,
    (failure: Error) => failure,
  );
  return {
    failure: result,
    outputs: outputs.map((list) => Buffer.concat(list).toString("utf8")),
    handed: Buffer.concat(handed),
  };
}

/** `bytes` in two reads cut at `at`, and in reads of `size` bytes each. */
const cutAt = (bytes: Buffer, at: number) => [bytes.subarray(0, at), bytes.subarray(at)];
const readsOf = (bytes: Buffer, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) =>
    bytes.subarray(index * size, (index + 1) * size),
  );

describe("copyOut, reading the protocol in place", () => {
  const answer = Buffer.concat([
    copyOutResponse(),
    row("1\tone\n"),
    row("2\tdeux é\n"),
    notice(),
    row("3\t\\N\n"),
    copyDone(),
    commandComplete("COPY 3"),
    copyOutResponse(),
    copyDone(),
    commandComplete("COPY 0"),
    copyOutResponse(),
    row("x\n"),
    copyDone(),
    commandComplete("COPY 1"),
    ready(),
  ]);
  const expected = ["1\tone\n2\tdeux é\n3\t\\N\n", "", "x\n"];

  it("hands each statement its rows and the driver the end of the query, cut anywhere in two", async () => {
    for (let at = 1; at < answer.length; at++) {
      const { failure, outputs, handed } = await run(cutAt(answer, at), 3);
      expect({ at, failure, outputs }).toEqual({ at, failure: null, outputs: expected });
      expect(handed.equals(ready())).toBe(true);
    }
  });

  it("does so in reads of every size from one byte up", async () => {
    for (let size = 1; size <= answer.length; size++) {
      const { failure, outputs } = await run(readsOf(answer, size), 3);
      expect({ size, failure, outputs }).toEqual({ size, failure: null, outputs: expected });
    }
  });

  it("hands the driver a server's error whole, and the rows before it to their sink", async () => {
    const failing = Buffer.concat([copyOutResponse(), row("1\n"), row("2\n"), error(), ready()]);
    for (let at = 1; at < failing.length; at++) {
      const { failure, outputs, handed } = await run(cutAt(failing, at), 2);
      expect({ at, message: failure?.message, outputs }).toEqual({
        at,
        message: "server error",
        outputs: ["1\n2\n", ""],
      });
      expect(handed.equals(Buffer.concat([error(), ready()]))).toBe(true);
    }
  });

  it("reports a sink's error once the query has ended", async () => {
    const socket = Buffer.concat([copyOutResponse(), row("1\n"), copyDone(), ready()]);
    const answerOf = async () => {
      const emitter = new EventEmitter();
      let query: { handleReadyForQuery(): void } | null = null;
      emitter.on("data", () => query?.handleReadyForQuery());
      const client = {
        query(submittable: { submit(connection: unknown): Error | undefined }) {
          query = submittable as unknown as typeof query;
          submittable.submit({ stream: emitter, query: () => {} });
        },
      } as unknown as pg.ClientBase;
      const done = copyOut(
        client,
        ["COPY 0"],
        [
          () => {
            throw new Error("refused");
          },
        ],
      );
      emitter.emit("data", socket);
      return done;
    };
    await expect(answerOf()).rejects.toThrow("refused");
  });
});
