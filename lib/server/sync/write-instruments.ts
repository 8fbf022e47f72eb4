import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { type MarketDataSource, OPTION_MARK_TABLE } from "@/lib/server/marks/market-data-source";
import { fillMissingGreeks } from "./fill-missing-greeks";
import type { RobinhoodSnapshot, SnapshotInstrument } from "./robinhood-snapshot";
import { chunks } from "./row-differs";

export type WrittenInstruments = {
  /** Rollbook instrument id by Robinhood id, for every contract the snapshot mentions. */
  ids: Map<string, string>;
  inserted: number;
  marksInserted: number;
};

/**
 * Stores new contracts and their marks in the global (not user-scoped) tables, inside the sync's
 * transaction so they commit or roll back with the user's rows. A contract a CSV import already
 * stored by its terms, without a Robinhood id, gets the id instead of a duplicate. Marks go to the
 * table of their source: the demo's simulated prices never land where real users' recomputes read.
 */
export async function writeInstruments(
  tx: UserTransaction,
  snapshot: Pick<RobinhoodSnapshot, "instruments" | "referencedInstrumentIds" | "marks">,
  marketData: MarketDataSource,
): Promise<WrittenInstruments> {
  const now = new Date();
  const inserted = await insertRows(
    tx,
    "option_instruments",
    snapshot.instruments.map((instrument) => ({ ...terms(instrument), updatedAt: now })),
    RAW_TABLE_COLUMNS.option_instruments,
    { onConflictDoNothing: true },
  );

  const wanted = [
    ...new Set([...snapshot.referencedInstrumentIds, ...snapshot.marks.map((m) => m.instrumentRobinhoodId)]),
  ];
  const ids = new Map<string, string>();
  for (const chunk of chunks(wanted, 5_000)) {
    const rows = await tx.optionInstrument.findMany({
      where: { robinhoodId: { in: chunk } },
      select: { id: true, robinhoodId: true },
    });
    for (const row of rows) if (row.robinhoodId) ids.set(row.robinhoodId, row.id);
  }

  for (const instrument of snapshot.instruments) {
    if (ids.has(instrument.robinhoodId)) continue;
    const { robinhoodId: _robinhoodId, ...contractTerms } = terms(instrument);
    const byTerms = await tx.optionInstrument.findUnique({
      where: { underlying_expirationDate_strikePrice_optionType_multiplier: contractTerms },
      select: { id: true, robinhoodId: true },
    });
    if (!byTerms) throw new Error(`option instrument ${instrument.robinhoodId} could not be stored`);
    if (byTerms.robinhoodId === null) {
      await tx.optionInstrument.update({
        where: { id: byTerms.id },
        data: { robinhoodId: instrument.robinhoodId },
      });
    }
    ids.set(instrument.robinhoodId, byTerms.id);
  }
  const missing = snapshot.referencedInstrumentIds.find((id) => !ids.has(id));
  if (missing) throw new Error(`option instrument ${missing} is neither stored nor fetched`);

  const marks = snapshot.marks.flatMap(({ instrumentRobinhoodId, ...mark }) => {
    const instrumentId = ids.get(instrumentRobinhoodId);
    return instrumentId ? [{ instrumentId, ...mark }] : [];
  });
  const marksInserted = await insertRows(tx, OPTION_MARK_TABLE[marketData], marks, MARK_COLUMNS, {
    onConflictDoNothing: true,
  });
  await fillMissingGreeks(tx, OPTION_MARK_TABLE[marketData], marks);
  return { ids, inserted, marksInserted };
}

const MARK_COLUMNS = {
  instrumentId: "uuid",
  asOf: "timestamptz",
  markPrice: "numeric",
  delta: "numeric",
  gamma: "numeric",
  theta: "numeric",
  vega: "numeric",
  rho: "numeric",
  impliedVolatility: "numeric",
} as const;

function terms(instrument: SnapshotInstrument) {
  return {
    robinhoodId: instrument.robinhoodId,
    underlying: instrument.underlying,
    expirationDate: dateColumn(instrument.expirationDate),
    strikePrice: instrument.strikePrice,
    optionType: instrument.optionType,
    multiplier: instrument.multiplier,
  };
}
