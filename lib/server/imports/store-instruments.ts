import "server-only";
import { contractKey, type OptionContract } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { SqlRunner } from "@/lib/server/db/sql-runner";

/**
 * Rollbook's instrument id of each contract, by `contractKey`: found by its terms, or stored (without
 * a Robinhood id, which a later sync fills in) when not yet known.
 */
export async function storeInstruments(tx: SqlRunner, contracts: OptionContract[]) {
  const byKey = new Map<string, ReturnType<typeof terms>>();
  for (const contract of contracts) byKey.set(contractKey(contract), terms(contract));
  const now = new Date();
  await insertRows(
    tx,
    "option_instruments",
    [...byKey.values()].map((contract) => ({ ...contract, updatedAt: now })),
    RAW_TABLE_COLUMNS.option_instruments,
    { onConflictDoNothing: true },
  );
  // Each contract's terms joined to the table in one query, keyed back by `contractKey`.
  const entries = [...byKey.entries()];
  const rows = await tx.$queryRawUnsafe<{ key: string; id: string }[]>(
    `SELECT t.key, i.id::text AS id
     FROM unnest($1::text[], $2::text[], $3::date[], $4::numeric[], $5::text[], $6::numeric[])
       AS t(key, underlying, expiration_date, strike_price, option_type, multiplier)
     JOIN option_instruments i ON i.underlying = t.underlying AND i.expiration_date = t.expiration_date
       AND i.strike_price = t.strike_price AND i.option_type = t.option_type::"OptionType"
       AND i.multiplier = t.multiplier`,
    entries.map(([key]) => key),
    entries.map(([, contract]) => contract.underlying),
    entries.map(([, contract]) => contract.expirationDate),
    entries.map(([, contract]) => contract.strikePrice),
    entries.map(([, contract]) => contract.optionType),
    entries.map(([, contract]) => contract.multiplier),
  );
  const ids = new Map(rows.map((row) => [row.key, row.id]));
  for (const key of byKey.keys()) {
    if (!ids.has(key)) throw new Error(`option contract ${key} could not be stored`);
  }
  return ids;
}

/** A contract's columns; the expiration stays `YYYY-MM-DD` text, which both queries cast to a date. */
function terms(contract: OptionContract) {
  return {
    underlying: contract.underlying,
    expirationDate: contract.expiration,
    strikePrice: contract.strike,
    optionType: contract.optionType === "call" ? ("CALL" as const) : ("PUT" as const),
    multiplier: contract.multiplier,
  };
}
