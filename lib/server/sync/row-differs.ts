import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { canonicalDecimal, compareDecimals } from "@/lib/money";

/**
 * Whether writing `fields` would change the stored row, comparing decimals by value and dates by
 * instant. Re-syncs touch only rows Robinhood actually changed.
 */
export function rowDiffers(row: Record<string, unknown>, fields: Record<string, unknown>): boolean {
  for (const [key, next] of Object.entries(fields)) {
    const stored = row[key];
    if (Prisma.Decimal.isDecimal(stored)) {
      if (next === null || next === undefined) return true;
      if (compareDecimals(canonicalDecimal(stored.toString()), canonicalDecimal(String(next))) !== 0)
        return true;
    } else if (stored instanceof Date) {
      if (!(next instanceof Date) || stored.getTime() !== next.getTime()) return true;
    } else if (stored !== next) {
      return true;
    }
  }
  return false;
}

/** Splits rows into statements of a bounded size (PostgreSQL allows 65,535 bind parameters). */
export function chunks<T>(rows: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
