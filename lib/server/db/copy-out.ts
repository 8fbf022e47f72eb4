import type pg from "pg";

/**
 * Reading the output of `COPY … TO STDOUT` statements straight from the connection's socket.
 *
 * A driver-level COPY stream (pg-copy-streams' `to`) cuts each row's message out of the socket's
 * bytes as a Buffer of its own, copies the rows of a socket read into another, and hands them on
 * through a Readable stream: several objects per row, and a stream's machinery per read. Here the
 * protocol's messages are walked in place: within each socket read, every row is moved back over the
 * message headers before it (`copyWithin`), so the read's rows lie back to back where they arrived
 * and go to the sink as one piece, with no object and no copy elsewhere per row. Several COPY
 * statements go as one query (one round trip), and the server starts each while this side still
 * reads the one before.
 */

/**
 * Receives one statement's output as pieces of its text, in order, cut anywhere (inside a row, a
 * field, a character). A piece is valid only during the call: it is a view into the socket's read.
 */
export type CopyOutSink = (piece: Buffer) => void;

const COPY_OUT_RESPONSE = 0x48; // 'H'
const COPY_DATA = 0x64; // 'd'
const ERROR_RESPONSE = 0x45; // 'E'
const ROW_DESCRIPTION = 0x54; // 'T'
const READY_FOR_QUERY = 0x5a; // 'Z'
const HEADER_BYTES = 5;

/**
 * Runs `statements` (each a `COPY … TO STDOUT`) as one query on `connection`, handing each one's
 * output to its sink, in order. Resolves when the server is ready again; rejects with the server's
 * error (the statements after a failed one do not run), or with the first error a sink threw (the
 * rest of the output is then read and dropped, so the connection stays usable).
 */
export function copyOut(
  connection: pg.ClientBase,
  statements: readonly string[],
  sinks: readonly CopyOutSink[],
): Promise<void> {
  if (statements.length === 0) return Promise.resolve();
  if (sinks.length !== statements.length) throw new Error("copyOut needs a sink per statement");
  const query = new CopyOutQuery(statements.join(";\n"), sinks);
  connection.query(query as unknown as pg.QueryConfig);
  return query.done;
}

type Connection = {
  stream: NodeJS.EventEmitter;
  query(text: string): void;
};

/** A query object for node-postgres (a "submittable"): it sends its text and reads the answer itself. */
class CopyOutQuery {
  readonly done: Promise<void>;
  private resolve!: () => void;
  private reject!: (error: Error) => void;
  private connection: Connection | null = null;
  private driverHandler: ((chunk: Buffer) => void) | null = null;
  private readonly onData = (chunk: Buffer) => this.read(chunk);
  /** The statement whose output comes now: -1 before the first's CopyOutResponse. */
  private statement = -1;
  /** A message header cut by the end of a socket read, and how many of its bytes came. */
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerBytes = 0;
  /** The message being read: its type, and how many of its bytes are still to come. */
  private type = 0;
  private left = 0;
  private failure: Error | null = null;
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly sinks: readonly CopyOutSink[],
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /**
   * Called by the driver when the query's turn comes. An error returned (not thrown) is handed back
   * to `handleError` by the driver, which then goes on with its next query.
   */
  submit(connection: Connection): Error | undefined {
    const listeners = connection.stream.listeners("data");
    if (listeners.length !== 1)
      return new Error("the connection's socket has no single reader to stand in for");
    this.connection = connection;
    this.driverHandler = listeners[0] as (chunk: Buffer) => void;
    connection.stream.removeListener("data", this.driverHandler);
    connection.stream.on("data", this.onData);
    connection.query(this.text);
    return undefined;
  }

  /** The server's error (the driver read it), or the connection's. */
  handleError(error: Error): void {
    this.detach(null);
    this.settle(this.failure ?? error);
  }

  handleReadyForQuery(): void {
    const ran = this.statement + 1;
    if (ran !== this.sinks.length)
      this.fail(new Error(`copyOut ran ${ran} COPY statements, not ${this.sinks.length}`));
    this.settle(this.failure);
  }

  /**
   * Walks a socket read's messages. The rows' bytes are moved down over the headers before them
   * (`rows` is where the next one goes), so that the statement's rows of this read, whole or cut by
   * its ends, lie back to back from `from` on; only bytes already walked are overwritten, so what is
   * handed back to the driver is as it came.
   */
  private read(chunk: Buffer): void {
    let at = 0;
    let rows = 0;
    let from = 0;
    while (at < chunk.length) {
      if (this.left > 0) {
        const end = Math.min(chunk.length, at + this.left);
        if (this.type === COPY_DATA) {
          if (rows !== at) chunk.copyWithin(rows, at, end);
          rows += end - at;
        }
        this.left -= end - at;
        at = end;
        continue;
      }
      if (this.headerBytes === 0) {
        const type = chunk[at] as number;
        // An error or the end of the query: the driver reads on from there.
        if (type === ERROR_RESPONSE || type === READY_FOR_QUERY) {
          this.hand(chunk, from, rows);
          this.detach(chunk.subarray(at));
          return;
        }
        if (at + HEADER_BYTES <= chunk.length) {
          from = this.begin(type, chunk.readUInt32BE(at + 1), chunk, from, rows);
          at += HEADER_BYTES;
          continue;
        }
      }
      // A header cut by the end of a read: kept until the next read completes it.
      while (this.headerBytes < HEADER_BYTES && at < chunk.length)
        this.header[this.headerBytes++] = chunk[at++] as number;
      if (this.headerBytes < HEADER_BYTES) break;
      this.headerBytes = 0;
      from = this.begin(this.header[0] as number, this.header.readUInt32BE(1), chunk, from, rows);
    }
    this.hand(chunk, from, rows);
  }

  /**
   * A message of `type` and `length` (its length field's value) starts. Any but a row first hands the
   * rows gathered so far (`chunk[from, rows)`) to their sink, so a new statement's rows start a piece
   * of their own. Returns where the piece being gathered now starts.
   */
  private begin(type: number, length: number, chunk: Buffer, from: number, rows: number): number {
    this.type = type;
    this.left = length - 4;
    if (type === COPY_DATA) return from;
    this.hand(chunk, from, rows);
    if (type === COPY_OUT_RESPONSE) this.statement++;
    else if (type === ROW_DESCRIPTION)
      this.fail(new Error("copyOut ran a statement that is not a COPY … TO STDOUT"));
    // Anything else (CopyDone, CommandComplete, a notice, a parameter's status, a query's rows) is
    // skipped: the driver reads only an error and the end of the query.
    return rows;
  }

  /** Hands `chunk[from, to)`, rows of the current statement, to its sink. */
  private hand(chunk: Buffer, from: number, to: number): void {
    if (to === from || this.failure !== null) return;
    const sink = this.sinks[this.statement];
    if (sink === undefined) {
      this.fail(new Error(`copyOut got output for statement ${this.statement + 1} of ${this.sinks.length}`));
      return;
    }
    try {
      sink(chunk.subarray(from, to));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
  }

  /** Gives the socket back to the driver, with what it should read of this read (`rest`). */
  private detach(rest: Buffer | null): void {
    const connection = this.connection;
    const handler = this.driverHandler;
    if (connection === null || handler === null) return;
    this.connection = null;
    this.driverHandler = null;
    connection.stream.removeListener("data", this.onData);
    connection.stream.on("data", handler);
    if (rest !== null && rest.length > 0) handler(rest);
  }

  private settle(error: Error | null): void {
    if (this.settled) return;
    this.settled = true;
    if (error === null) this.resolve();
    else this.reject(error);
  }
}
