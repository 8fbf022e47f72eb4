/**
 * A table read as rows of text and handed on as columns: one string array per column, filled from
 * the driver's row arrays without a string or object of its own per value. The rows are read as
 * arrays (`rowMode: "array"`) with every value left as PostgreSQL printed it, so the driver makes no
 * object and no `Date` per row; the joins and the engine's columns then index these arrays by row.
 *
 * Reading each table as ONE aggregated row instead (a `string_agg` per column, split on the client)
 * cut the client's CPU time by a further fifth, but lost more wall time than it saved: the server
 * built the whole aggregate before sending anything, where rows stream and the client parses them
 * while the server still reads (docs/RECOMPUTE.md, "Reading the input").
 */

/** One column: its SQL expression, and whether it can be NULL. */
export type ColumnSql = { readonly sql: string; readonly nullable: boolean };

/** A table's columns by name, in the order they are selected. */
export type TableColumnsSql = Readonly<Record<string, ColumnSql>>;

/** The values read of each column, by row. */
export type TableColumns<Columns extends TableColumnsSql> = { count: number } & {
  -readonly [Name in keyof Columns]: Columns[Name]["nullable"] extends true ? (string | null)[] : string[];
};

export function column(sql: string) {
  return { sql, nullable: false } as const;
}

export function nullableColumn(sql: string) {
  return { sql, nullable: true } as const;
}

/** The SELECT of `columns` over `from` (a FROM clause with its WHERE), in `orderBy` order if given. */
export function rowsSelect(options: { columns: TableColumnsSql; from: string; orderBy?: string }): string {
  const columns = Object.values(options.columns).map(({ sql }) => sql);
  return `SELECT ${columns.join(", ")} ${options.from}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ""}`;
}

/**
 * `rowsSelect`'s rows (arrays of text in the order of `columns`) as columns. A NULL in a column that
 * cannot hold one is refused: the callers read its values as strings.
 */
export function columnsOfRows<Columns extends TableColumnsSql>(
  rows: readonly (readonly (string | null)[])[],
  columns: Columns,
): TableColumns<Columns> {
  const read: Record<string, (string | null)[]> = {};
  for (const [index, [name, { nullable }]] of Object.entries(columns).entries()) {
    const values = new Array<string | null>(rows.length);
    for (let row = 0; row < rows.length; row++) {
      const value = (rows[row] as (string | null)[])[index] ?? null;
      if (value === null && !nullable) throw new Error(`column ${name} is NULL in row ${row}`);
      values[row] = value;
    }
    read[name] = values;
  }
  return { count: rows.length, ...read } as TableColumns<Columns>;
}
