import "server-only";
import { contractInputRows, type PnlResult } from "@/lib/pnl";

/** The instrument ids of the contracts a load read, as the engine's input numbers them. */
export type LoadedInstrumentIds = {
  /** The instrument of row `row` of the input's contract columns (`PnlColumns.contracts`). */
  ofContractRow(row: number): string;
  /** Every contract the input mentions, by `contractKey` (made when asked: a key no row has is rare). */
  byKey(): ReadonlyMap<string, string>;
};

/**
 * The instrument id of a contract an engine result names, by its key, or by the row of the input's
 * contract columns that names it when the caller has it (a lot's `contractRow`): by row it is an
 * array read, where a key is looked up among tens of thousands. Undefined: no instrument known.
 *
 * An object with a method, not a closure made per recompute: code that calls a closure holds on to
 * it, and is thrown away and compiled again once the closure is gone (every recompute).
 */
export interface InstrumentIds {
  idOf(contractKey: string, contractRow?: number): string | undefined;
}

/**
 * `InstrumentIds` for a result computed from a load: the loaded contracts by their input row, then
 * `adjusted` (contracts a corporate action made, which no row names), then the loaded ones by key.
 */
export function instrumentIdsOfResult(
  result: PnlResult,
  loaded: LoadedInstrumentIds,
  adjusted: ReadonlyMap<string, string> = new Map(),
): InstrumentIds {
  return new ResultInstrumentIds(contractInputRows(result), loaded, adjusted);
}

class ResultInstrumentIds implements InstrumentIds {
  constructor(
    private readonly rows: ReadonlyMap<string, number>,
    private readonly loaded: LoadedInstrumentIds,
    private readonly adjusted: ReadonlyMap<string, string>,
  ) {}

  idOf(contractKey: string, contractRow = this.rows.get(contractKey) ?? -1): string | undefined {
    return contractRow >= 0
      ? this.loaded.ofContractRow(contractRow)
      : (this.adjusted.get(contractKey) ?? this.loaded.byKey().get(contractKey));
  }
}
