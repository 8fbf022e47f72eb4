/**
 * A table read as columns: one SELECT that aggregates each column of the rows into ONE text value
 * (`string_agg` with a comma for values that cannot hold one: uuids, decimals, dates, enums, epoch
 * seconds; `json_agg` for free text such as broker ids and for columns that can be NULL), and the
 * split of that one row back into a string array per column. A fill's three tables hold a row each
 * per fill: read as rows, the driver made an array and a string per value and kept them all until
 * the load ended, and collecting that heap was most of the client's share of the load. Read as
 * columns, the driver parses one row, and only the values kept (ids) outlive the load.
 */

/** One column of the aggregate: its SQL expression and how its values are joined. */
export type ColumnSql = { readonly sql: string; readonly join: "comma" | "json" };

/** A table's columns by name, in the order they are read. */
export type TableColumnsSql = Readonly<Record<string, ColumnSql>>;

/** The values read of each column: strings, or for a JSON column strings and nulls. */
export type TableColumns<Columns extends TableColumnsSql> = { count: number } & {
  -readonly [Name in keyof Columns]: Columns[Name]["join"] extends "comma" ? string[] : (string | null)[];
};

/**
 * The aggregating SELECT over `from` (a FROM clause with its WHERE). Every aggregate carries the
 * same ORDER BY, so the server sorts the rows once (it presorts identical aggregate orderings).
 * An empty table gives NULL columns (`readColumns` reads them as no rows).
 */
export function columnsSelect(options: { columns: TableColumnsSql; from: string; orderBy?: string }): string {
  const order = options.orderBy ? ` ORDER BY ${options.orderBy}` : "";
  const aggregates = Object.values(options.columns).map(({ sql, join }) =>
    join === "comma" ? `string_agg((${sql})::text, ','${order})` : `json_agg(${sql}${order})`,
  );
  return `SELECT count(*), ${aggregates.join(", ")} ${options.from}`;
}

/** The same rows as plain rows, one per table row (what the read's floor copies out). */
export function rowsSelect(options: { columns: TableColumnsSql; from: string; orderBy?: string }): string {
  const columns = Object.values(options.columns).map(({ sql }) => sql);
  return `SELECT ${columns.join(", ")} ${options.from}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ""}`;
}

/** A column of values that hold no comma and are never NULL. */
export function commaColumn(sql: string) {
  return { sql, join: "comma" } as const;
}

/** A column of free text, or of values that can be NULL. */
export function jsonColumn(sql: string) {
  return { sql, join: "json" } as const;
}

/**
 * The columns of `columnsSelect`'s one row (its values as text): a string array per column, each
 * `count` long. A comma column never holds NULL (`string_agg` would skip it and shift every later
 * row): the length check refuses such a result rather than misread it.
 */
export function readColumns<Columns extends TableColumnsSql>(
  row: readonly (string | null)[],
  columns: Columns,
): TableColumns<Columns> {
  const count = Number(row[0]);
  const read: Record<string, (string | null)[]> = {};
  for (const [index, [name, { join }]] of Object.entries(columns).entries()) {
    const text = row[index + 1] ?? null;
    const values = text === null ? [] : join === "comma" ? text.split(",") : (JSON.parse(text) as string[]);
    if (values.length !== count) {
      throw new Error(
        `column ${name} read ${values.length} values for ${count} rows (a NULL in a comma column?)`,
      );
    }
    read[name] = values;
  }
  return { count, ...read } as TableColumns<Columns>;
}
