import "server-only";
import type { CopyRow } from "@/lib/server/db/copy-rows";
import { CHAIN_COLUMNS, DAY_COLUMNS, type DerivedTables, LINK_COLUMNS, LOT_COLUMNS } from "./derived-rows";
import { WHEEL_COLUMNS } from "./stock-and-wheel-rows";

const at = (columns: readonly string[], column: string) => {
  const index = columns.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return index;
};

const CHAIN = {
  id: at(CHAIN_COLUMNS, "id"),
  underlying: at(CHAIN_COLUMNS, "underlying"),
  closedAt: at(CHAIN_COLUMNS, "closed_at"),
};
const LINK_CHAIN = at(LINK_COLUMNS, "chain_id");
const LOT_CHAIN = at(LOT_COLUMNS, "chain_id");
const DAY = { date: at(DAY_COLUMNS, "trade_date"), underlying: at(DAY_COLUMNS, "underlying") };
const WHEEL = { underlying: at(WHEEL_COLUMNS, "underlying"), endedOn: at(WHEEL_COLUMNS, "ended_on") };

/**
 * The derived rows an incremental merge compares, given each underlying's settled date
 * (`settledBefore`): the rows of the chains, and their links and lots, that were still open on it or
 * closed from it on; the wheel cycles running on it or ended from it on; the days from it on; open
 * positions, stock rows and flat cuts all. The merge's scope (`derivedRowsScope`) selects the same
 * stored rows by the same dates, so neither side holds a row the other leaves out.
 */
export function unsettledRows(tables: DerivedTables, settled: ReadonlyMap<string, string>): DerivedTables {
  if (settled.size === 0) return tables;
  // A chain's closed_at is midnight UTC of its closing trading date (`dayTimestamp`), so comparing its
  // leading date text with the settled date compares trading dates.
  const endedBefore = (underlying: string, day: string | null) => {
    const from = settled.get(underlying);
    return from !== undefined && day !== null && day.slice(0, 10) < from;
  };
  const settledChains = new Set<string>();
  const keep = (table: string, rows: CopyRow[]): CopyRow[] => {
    switch (table) {
      case "roll_chains":
        return rows.filter((row) => {
          if (!endedBefore(row[CHAIN.underlying] as string, row[CHAIN.closedAt] as string | null))
            return true;
          settledChains.add(row[CHAIN.id] as string);
          return false;
        });
      case "roll_links":
        return rows.filter((row) => !settledChains.has(row[LINK_CHAIN] as string));
      case "matched_lots":
        return rows.filter((row) => !settledChains.has(row[LOT_CHAIN] as string));
      case "wheel_cycles":
        return rows.filter(
          (row) => !endedBefore(row[WHEEL.underlying] as string, row[WHEEL.endedOn] as string | null),
        );
      case "daily_pnl":
        return rows.filter((row) => !endedBefore(row[DAY.underlying] as string, row[DAY.date] as string));
      default:
        return rows;
    }
  };
  // Chains come first (parents before children), so their settled ids are known for links and lots.
  return tables.map((table) => ({ ...table, rows: keep(table.table, table.rows) }));
}
