import "server-only";
import { contractKey, type OptionContract } from "@/lib/pnl";
import type { InstrumentRow } from "./execution-columns";

/** One shared contract object per instrument, so the engine interns each contract once. */
export class InstrumentContracts {
  readonly rows: Map<string, InstrumentRow>;
  private readonly made = new Map<string, { contract: OptionContract; key: string }>();

  constructor(instruments: InstrumentRow[]) {
    this.rows = new Map(instruments.map((row) => [row.id, row]));
  }

  of(instrumentId: string): OptionContract {
    return this.entry(instrumentId).contract;
  }

  keyOf(instrumentId: string): string {
    return this.entry(instrumentId).key;
  }

  /** Whether the input mentions the instrument so far. */
  used(instrumentId: string): boolean {
    return this.made.has(instrumentId);
  }

  idsByKey(): Map<string, string> {
    // A loop, not arrays of the entries: there is an entry per contract traded.
    const ids = new Map<string, string>();
    for (const [id, { key }] of this.made) ids.set(key, id);
    return ids;
  }

  private entry(instrumentId: string) {
    let known = this.made.get(instrumentId);
    if (!known) {
      const row = this.rows.get(instrumentId);
      if (!row) throw new Error(`option instrument ${instrumentId} is referenced but missing`);
      const contract: OptionContract = {
        underlying: row.underlying,
        expiration: row.expiration_date,
        strike: row.strike_price,
        optionType: row.option_type === "CALL" ? "call" : "put",
        multiplier: row.multiplier,
      };
      known = { contract, key: contractKey(contract) };
      this.made.set(instrumentId, known);
    }
    return known;
  }
}
