import "server-only";
import { contractKey, type OptionContract, type PnlResult } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { storeInstruments } from "@/lib/server/imports/store-instruments";
import {
  type InstrumentIds,
  instrumentIdsOfResult,
  type LoadedInstrumentIds,
} from "./contract-instrument-ids";

/**
 * Instrument ids for every contract the result names. A rename or split moves positions into an
 * adjusted contract that no fill or event of the input may mention (an option still open after a
 * split), so the loader has no instrument for it; it is stored here, like an imported contract.
 * Every such contract is the target of some chain step.
 */
export async function withAdjustedInstruments(
  tx: UserTransaction,
  result: PnlResult,
  loaded: LoadedInstrumentIds,
): Promise<InstrumentIds> {
  // Filled below with the contracts stored here, so one lookup serves before and after.
  const adjusted = new Map<string, string>();
  const instrumentIds = instrumentIdsOfResult(result, loaded, adjusted);
  const missing: OptionContract[] = [];
  for (const chain of result.chains) {
    for (const step of chain.adjustments) {
      if (instrumentIds.idOf(step.to.contractKey) !== undefined) continue;
      const contract: OptionContract = {
        underlying: step.to.underlying,
        expiration: step.to.expiration,
        strike: step.to.strike,
        optionType: chain.optionType,
        multiplier: step.to.multiplier,
      };
      if (contractKey(contract) !== step.to.contractKey)
        throw new Error(`bad chain step: ${step.to.contractKey}`);
      missing.push(contract);
    }
  }
  if (missing.length > 0) for (const [key, id] of await storeInstruments(tx, missing)) adjusted.set(key, id);
  return instrumentIds;
}
