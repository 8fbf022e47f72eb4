import type pg from "pg";
import { ByteKeys } from "./byte-keys";
import { CopyBinaryFields } from "./copy-binary-fields";
import { type BinaryText, TEXT, TIMESTAMP_TYPES, timestampMs } from "./copy-binary-values";
import { type CopyOutSink, copyOut } from "./copy-out";

/**
 * A SELECT read by `COPY (…) TO STDOUT WITH (FORMAT binary)` straight into one array per column, each
 * column decoded from the bytes by a decoder of its own: no row array and no string per value where
 * none is needed (a repeated text is made once, an id another table's rows are joined by becomes a
 * row number). The binary format spares the server its text output (a numeric's digits, a uuid's
 * hex, a timestamp's epoch) and this side the splitting of text: each field comes with its length.
 * A column's text is made from its type's binary value by its `BinaryText` (utf8 by default).
 */

/** Decodes one column's fields, row after row: `length` bytes at `start`, -1 for NULL. */
export type ColumnDecoder<Values> = {
  add(row: number, bytes: Buffer, start: number, length: number): void;
  values(count: number): Values;
};

/**
 * A column: its SQL expression, a decoder made for each read, and the PostgreSQL types whose binary
 * values the decoder reads (`BinaryText.types`).
 */
export type CopyColumn<Values> = {
  readonly sql: string;
  readonly decoder: (name: string) => ColumnDecoder<Values>;
  readonly types: readonly string[];
};

type ColumnsValues<Columns extends Record<string, CopyColumn<unknown>>> = {
  [Name in keyof Columns]: Columns[Name] extends CopyColumn<infer Values> ? Values : never;
};

/** The values read of each column, by row. */
export type CopiedColumns<Columns extends Record<string, CopyColumn<unknown>>> = {
  count: number;
} & ColumnsValues<Columns>;

/** Text (of a value of the type `as` reads), as a string per row. */
export function textColumn(sql: string, as: BinaryText = TEXT): CopyColumn<string[]> {
  return {
    sql,
    decoder: (name) => new PlainTextDecoder(name, as, false) as ColumnDecoder<string[]>,
    types: as.types,
  };
}

/** Text or NULL. */
export function nullableTextColumn(sql: string, as: BinaryText = TEXT): CopyColumn<(string | null)[]> {
  return { sql, decoder: (name) => new PlainTextDecoder(name, as, true), types: as.types };
}

/**
 * Text that repeats, read as each row's number of its value among the distinct values (`texts`, in
 * first-seen order; -1 for NULL): a value is made a string once, and whoever reads the column can
 * work out what it needs of each distinct value once (a parsed decimal, a day number), instead of
 * once per row. A number per row in a typed array, rather than a reference per row in a growing
 * array, leaves the collector nothing to scan or copy.
 */
export type RepeatedText = { readonly rows: Int32Array; readonly texts: readonly string[] };

/** Row `row`'s text of a repeated column, or null for NULL. */
export function repeatedTextAt(column: RepeatedText, row: number): string | null {
  const number = column.rows[row] as number;
  return number < 0 ? null : (column.texts[number] as string);
}

/** Repeated text (of values of the type `as` reads), or NULL (-1) where `nullable`; refused otherwise. */
export function repeatedTextColumn(
  sql: string,
  options: { as?: BinaryText; nullable?: boolean } = {},
): CopyColumn<RepeatedText> {
  const as = options.as ?? TEXT;
  return {
    sql,
    decoder: (name) => new RepeatedTextDecoder(name, as, options.nullable ?? false),
    types: as.types,
  };
}

/**
 * The table's key: each row's value is numbered by `keys` as its row number, for the tables read
 * after it to be joined by (`referenceColumn`). A value seen twice is refused. Keys are compared by
 * their bytes; `as` spells one in an error.
 */
export function keyColumn(sql: string, keys: ByteKeys, as: BinaryText = TEXT): CopyColumn<null> {
  return { sql, decoder: (name) => new KeyDecoder(name, keys, as), types: as.types };
}

/** A reference to a row of a table read before, by its key (`keyColumn`): that row's number. */
export function referenceColumn(
  sql: string,
  keys: ByteKeys,
  table: string,
  as: BinaryText = TEXT,
): CopyColumn<Int32Array> {
  return { sql, decoder: (name) => new ReferenceDecoder(name, keys, table, as), types: as.types };
}

/** A `timestamptz` column as epoch milliseconds (`timestampMs`), never NULL. */
export function timestampMsColumn(sql: string): CopyColumn<Float64Array> {
  return { sql, decoder: (name) => new TimestampMsDecoder(name), types: TIMESTAMP_TYPES };
}

/** The SELECT of `columns` over `from` (a FROM clause with its WHERE), in `orderBy` order if given. */
export function columnsSelect(options: {
  columns: Record<string, CopyColumn<unknown>>;
  from: string;
  orderBy?: string;
}): string {
  const columns = Object.values(options.columns).map(({ sql }) => sql);
  return `SELECT ${columns.join(", ")} ${options.from}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ""}`;
}

/** The COPY statement a SELECT of columns is read by. */
export function columnsCopy(select: string): string {
  return `COPY (${select}) TO STDOUT WITH (FORMAT binary)`;
}

/** A SELECT of `columns` (in their order) to read by COPY. */
export type ColumnsRead<Columns extends Record<string, CopyColumn<unknown>>> = {
  readonly select: string;
  readonly columns: Columns;
};

/**
 * Reads several SELECTs by COPY as one query (`copyOut`), in order: a read's decoders may join by the
 * keys an earlier read's decoders numbered (`keyColumn`, `referenceColumn`). `first`: other COPY
 * statements sent ahead of them in the same query, each with its sink.
 */
export async function readCopyColumnsTogether<
  const Reads extends readonly ColumnsRead<Record<string, CopyColumn<unknown>>>[],
>(
  connection: pg.ClientBase,
  reads: Reads,
  first: readonly { statement: string; sink: CopyOutSink }[] = [],
): Promise<{ [Index in keyof Reads]: CopiedColumns<Reads[Index]["columns"]> }> {
  const tables = reads.map(({ columns }) => new ColumnsOfFields(columns));
  const fields = tables.map((table) => new CopyBinaryFields(table));
  await copyOut(
    connection,
    [...first.map(({ statement }) => statement), ...reads.map(({ select }) => columnsCopy(select))],
    [...first.map(({ sink }) => sink), ...fields.map((read) => (piece: Buffer) => read.push(piece))],
  );
  for (const read of fields) read.end();
  return tables.map((table) => table.values()) as {
    [Index in keyof Reads]: CopiedColumns<Reads[Index]["columns"]>;
  };
}

/** The fields of a COPY's rows handed to each column's decoder. */
export class ColumnsOfFields<Columns extends Record<string, CopyColumn<unknown>>> {
  private readonly names: string[];
  private readonly decoders: ColumnDecoder<unknown>[];
  private count = 0;
  private lastColumn = -1;

  constructor(columns: Columns) {
    this.names = Object.keys(columns);
    // Errors name the column as selected.
    this.decoders = this.names.map((name) => {
      const column = columns[name] as CopyColumn<unknown>;
      return column.decoder(column.sql);
    });
  }

  field(column: number, bytes: Buffer, start: number, length: number): void {
    const decoder = this.decoders[column];
    if (decoder === undefined || column !== this.lastColumn + 1)
      throw new Error(`row ${this.count} has more than ${this.decoders.length} columns`);
    decoder.add(this.count, bytes, start, length);
    this.lastColumn = column;
  }

  endRow(): void {
    if (this.lastColumn !== this.decoders.length - 1)
      throw new Error(`row ${this.count} has ${this.lastColumn + 1} columns, not ${this.decoders.length}`);
    this.lastColumn = -1;
    this.count++;
  }

  values(): CopiedColumns<Columns> {
    const values: Record<string, unknown> = { count: this.count };
    for (const [index, name] of this.names.entries())
      values[name] = (this.decoders[index] as ColumnDecoder<unknown>).values(this.count);
    return values as CopiedColumns<Columns>;
  }
}

function refuseNull(name: string, row: number): never {
  throw new Error(`column ${name} is NULL in row ${row}`);
}

class PlainTextDecoder implements ColumnDecoder<(string | null)[]> {
  private readonly read: (string | null)[] = [];

  constructor(
    private readonly name: string,
    private readonly as: BinaryText,
    private readonly nullable: boolean,
  ) {}

  add(row: number, bytes: Buffer, start: number, length: number): void {
    if (length < 0) {
      if (!this.nullable) refuseNull(this.name, row);
      this.read.push(null);
    } else this.read.push(this.as(bytes, start, length));
  }

  values(): (string | null)[] {
    return this.read;
  }
}

class RepeatedTextDecoder implements ColumnDecoder<RepeatedText> {
  private rows = new Int32Array(1024);
  private readonly keys = new ByteKeys();
  private readonly texts: string[] = [];
  /** The number of the last value read, or -1. */
  private previous = -1;

  constructor(
    private readonly name: string,
    private readonly as: BinaryText,
    private readonly nullable: boolean,
  ) {}

  add(row: number, bytes: Buffer, start: number, length: number): void {
    if (row >= this.rows.length) this.rows = grownRows(this.rows);
    if (length < 0) {
      if (!this.nullable) refuseNull(this.name, row);
      this.rows[row] = -1;
      return;
    }
    // Keyed by the bytes as sent: equal bytes are equal values. Most rows repeat the row before
    // (sorted dates, one account, a few sources): that is checked before hashing.
    const end = start + length;
    const previous = this.previous;
    const known =
      previous >= 0 && this.keys.equals(previous, bytes, start, end)
        ? previous
        : this.keys.add(bytes, start, end);
    this.previous = known;
    if (known === this.texts.length) this.texts.push(this.as(bytes, start, length));
    this.rows[row] = known;
  }

  values(count: number): RepeatedText {
    return { rows: this.rows.subarray(0, count), texts: this.texts };
  }
}

/** Twice the room, the rows read so far kept. */
function grownRows(rows: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(rows.length * 2);
  larger.set(rows);
  return larger;
}

class KeyDecoder implements ColumnDecoder<null> {
  constructor(
    private readonly name: string,
    private readonly keys: ByteKeys,
    private readonly as: BinaryText,
  ) {}

  add(row: number, bytes: Buffer, start: number, length: number): void {
    if (length < 0) refuseNull(this.name, row);
    if (this.keys.add(bytes, start, start + length) !== row)
      throw new Error(`column ${this.name} repeats ${this.as(bytes, start, length)} in row ${row}`);
  }

  values(): null {
    return null;
  }
}

class ReferenceDecoder implements ColumnDecoder<Int32Array> {
  private rows = new Int32Array(1024);

  constructor(
    private readonly name: string,
    private readonly keys: ByteKeys,
    private readonly table: string,
    private readonly as: BinaryText,
  ) {}

  add(row: number, bytes: Buffer, start: number, length: number): void {
    if (length < 0) refuseNull(this.name, row);
    const referenced = this.keys.find(bytes, start, start + length);
    if (referenced < 0)
      throw new Error(
        `column ${this.name} in row ${row} names ${this.as(bytes, start, length)}, not a row of ${this.table} read`,
      );
    if (row >= this.rows.length) this.rows = grownRows(this.rows);
    this.rows[row] = referenced;
  }

  values(count: number): Int32Array {
    return this.rows.subarray(0, count);
  }
}

class TimestampMsDecoder implements ColumnDecoder<Float64Array> {
  private read = new Float64Array(1024);

  constructor(private readonly name: string) {}

  add(row: number, bytes: Buffer, start: number, length: number): void {
    if (length < 0) refuseNull(this.name, row);
    if (row >= this.read.length) {
      const larger = new Float64Array(this.read.length * 2);
      larger.set(this.read);
      this.read = larger;
    }
    this.read[row] = timestampMs(bytes, start, length);
  }

  values(count: number): Float64Array {
    return this.read.subarray(0, count);
  }
}
