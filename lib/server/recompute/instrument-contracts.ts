import "server-only";
import { contractKey, type OptionContract } from "@/lib/pnl";
import type { InstrumentRow } from "./execution-columns";

/**
 * One shared contract object per instrument, so the engine interns each contract once. Instruments
 * are known by their row in `instruments` (the read's contracts first, numbered as the legs name
 * them, then those of saved inputs): the fills find theirs by number, and only the fewer lookups by
 * id (events, marks, saved inputs) use a map, made on first use.
 */
export class InstrumentContracts {
  private readonly made: ({ contract: OptionContract; key: string | null } | undefined)[];
  private byId: Map<string, number> | null = null;

  constructor(readonly instruments: readonly InstrumentRow[]) {
    this.made = new Array(instruments.length);
  }

  /** The row of an instrument by its id (the first row with it). */
  rowOf(instrumentId: string): number {
    const row = this.rowsById().get(instrumentId);
    if (row === undefined) throw new Error(`option instrument ${instrumentId} is referenced but missing`);
    return row;
  }

  instrument(row: number): InstrumentRow {
    return this.instruments[row] as InstrumentRow;
  }

  /** The contract of the instrument in row `row`. */
  ofRow(row: number): OptionContract {
    return this.entry(row).contract;
  }

  of(instrumentId: string): OptionContract {
    return this.entry(this.rowOf(instrumentId)).contract;
  }

  keyOf(instrumentId: string): string {
    return this.keyOfRow(this.rowOf(instrumentId));
  }

  /** Whether the input mentions the instrument so far. */
  used(instrumentId: string): boolean {
    const row = this.rowsById().get(instrumentId);
    return row !== undefined && this.made[row] !== undefined;
  }

  /** The instrument id of every contract the input mentions so far, by `contractKey`. */
  idsByKey(): Map<string, string> {
    const ids = new Map<string, string>();
    for (let row = 0; row < this.made.length; row++)
      if (this.made[row] !== undefined) ids.set(this.keyOfRow(row), this.instrument(row).id);
    return ids;
  }

  // Made when first asked: only marks and contracts looked up by key need it, and a large history has
  // tens of thousands of contracts.
  private keyOfRow(row: number): string {
    const entry = this.entry(row);
    entry.key ??= contractKey(entry.contract);
    return entry.key;
  }

  private rowsById(): Map<string, number> {
    if (this.byId === null) {
      this.byId = new Map();
      // From the last row back, so an id seen twice keeps its first row.
      for (let row = this.instruments.length - 1; row >= 0; row--)
        this.byId.set(this.instrument(row).id, row);
    }
    return this.byId;
  }

  private entry(row: number) {
    let known = this.made[row];
    if (known === undefined) {
      const instrument = this.instrument(row);
      const contract: OptionContract = {
        underlying: instrument.underlying,
        expiration: instrument.expiration_date,
        strike: instrument.strike_price,
        optionType: instrument.option_type === "CALL" ? "call" : "put",
        multiplier: instrument.multiplier,
      };
      known = { contract, key: null };
      this.made[row] = known;
    }
    return known;
  }
}
