import "server-only";
import { dateColumn, isoDate } from "@/lib/dates/trading-date";
import { contractKey, type OptionContract } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chunks } from "@/lib/server/sync/row-differs";

/**
 * Rollbook's instrument id of each contract, by `contractKey`: found by its terms, or stored (without
 * a Robinhood id, which a later sync fills in) when not yet known.
 */
export async function storeInstruments(tx: UserTransaction, contracts: OptionContract[]) {
  const byKey = new Map<string, ReturnType<typeof terms>>();
  for (const contract of contracts) byKey.set(contractKey(contract), terms(contract));
  const now = new Date();
  await insertRows(
    tx,
    "option_instruments",
    [...byKey.values()].map((contract) => ({ ...contract, updatedAt: now })),
    {
      underlying: "text",
      expirationDate: "date",
      strikePrice: "numeric",
      optionType: '"OptionType"',
      multiplier: "numeric",
      updatedAt: "timestamptz",
    },
    { onConflictDoNothing: true },
  );
  const ids = new Map<string, string>();
  for (const chunk of chunks([...byKey.entries()], 200)) {
    const rows = await tx.optionInstrument.findMany({
      where: { OR: chunk.map(([, where]) => where) },
      select: {
        id: true,
        underlying: true,
        expirationDate: true,
        strikePrice: true,
        optionType: true,
        multiplier: true,
      },
    });
    for (const row of rows) {
      const key = contractKey({
        underlying: row.underlying,
        expiration: isoDate(row.expirationDate),
        strike: row.strikePrice.toString(),
        optionType: row.optionType === "CALL" ? "call" : "put",
        multiplier: row.multiplier.toString(),
      });
      ids.set(key, row.id);
    }
  }
  for (const key of byKey.keys()) {
    if (!ids.has(key)) throw new Error(`option contract ${key} could not be stored`);
  }
  return ids;
}

function terms(contract: OptionContract) {
  return {
    underlying: contract.underlying,
    expirationDate: dateColumn(contract.expiration),
    strikePrice: contract.strike,
    optionType: contract.optionType === "call" ? ("CALL" as const) : ("PUT" as const),
    multiplier: contract.multiplier,
  };
}
