import type pg from "pg";

/**
 * Reading the output of `COPY … TO STDOUT` statements straight from the connection's socket.
 *
 * A driver-level COPY stream (pg-copy-streams' `to`) cuts each row's message out of the socket's
 * bytes as a Buffer of its own, copies the rows of a socket read into another, and hands them on
 * through a Readable stream: several objects per row, and a stream's machinery per read. Here the
 * protocol's messages are walked in place: each socket read's rows are copied once, back to back, into
 * one reused buffer and handed on as a piece, with no object made per row. Several COPY statements
 * go as one query (one round trip), and the server starts each while this side still reads the one
 * before.
 */

/**
 * Receives one statement's output as pieces of its text, in order, cut anywhere (inside a row, a
 * field, a character). A piece is valid only during the call: it is a view into a reused buffer.
 */
export type CopyOutSink = (piece: Buffer) => void;

const COPY_OUT_RESPONSE = 0x48; // 'H'
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const ERROR_RESPONSE = 0x45; // 'E'
const ROW_DESCRIPTION = 0x54; // 'T'
const READY_FOR_QUERY = 0x5a; // 'Z'
const HEADER_BYTES = 5;
const PIECE_BYTES = 64 * 1024;

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
  private piece = Buffer.allocUnsafe(PIECE_BYTES);
  private pieceBytes = 0;
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

  private read(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.left > 0) {
        const end = Math.min(chunk.length, at + this.left);
        if (this.type === COPY_DATA) this.collect(chunk, at, end);
        this.left -= end - at;
        at = end;
        continue;
      }
      if (this.headerBytes === 0) {
        const type = chunk[at];
        // An error or the end of the query: the driver reads on from there.
        if (type === ERROR_RESPONSE || type === READY_FOR_QUERY) {
          this.flush();
          this.detach(chunk.subarray(at));
          return;
        }
      }
      const taken = Math.min(HEADER_BYTES - this.headerBytes, chunk.length - at);
      chunk.copy(this.header, this.headerBytes, at, at + taken);
      this.headerBytes += taken;
      at += taken;
      if (this.headerBytes < HEADER_BYTES) break;
      this.headerBytes = 0;
      this.type = this.header[0] as number;
      this.left = this.header.readUInt32BE(1) - 4;
      if (this.type === COPY_OUT_RESPONSE) {
        this.flush();
        this.statement++;
      } else if (this.type === COPY_DONE) this.flush();
      else if (this.type === ROW_DESCRIPTION)
        this.fail(new Error("copyOut ran a statement that is not a COPY … TO STDOUT"));
      // Anything else (CommandComplete, a notice, a parameter's status, a query's rows) is skipped:
      // the driver reads only an error and the end of the query.
    }
    this.flush();
  }

  /** Appends a row's bytes (or part of one) to the piece of the current statement. */
  private collect(chunk: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.pieceBytes + length > this.piece.length) {
      this.flush();
      if (length > this.piece.length) this.piece = Buffer.allocUnsafe(length);
    }
    chunk.copy(this.piece, this.pieceBytes, start, end);
    this.pieceBytes += length;
  }

  /** Hands the piece collected so far to its statement's sink. */
  private flush(): void {
    if (this.pieceBytes === 0) return;
    const piece = this.piece.subarray(0, this.pieceBytes);
    this.pieceBytes = 0;
    if (this.failure !== null) return;
    const sink = this.sinks[this.statement];
    if (sink === undefined) {
      this.fail(new Error(`copyOut got output for statement ${this.statement + 1} of ${this.sinks.length}`));
      return;
    }
    try {
      sink(piece);
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
