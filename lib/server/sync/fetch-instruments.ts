import "server-only";
import { RobinhoodError, type RobinhoodSession } from "@/lib/robinhood/client";
import type { SnapshotInstrument } from "./robinhood-snapshot";

/**
 * Fetches contracts by Robinhood id (batched by the client) and the multiplier of each from its
 * chain's `trade_value_multiplier`: never assumed to be 100. A contract or chain Robinhood does not
 * return fails the sync, because the legs that name it could not be stored.
 */
export async function fetchInstruments(
  session: RobinhoodSession,
  ids: readonly string[],
): Promise<SnapshotInstrument[]> {
  if (ids.length === 0) return [];
  const instruments = await session.getOptionInstruments(ids);
  const found = new Set(instruments.map((instrument) => instrument.id.toLowerCase()));
  const absent = ids.filter((id) => !found.has(id));
  if (absent.length > 0) {
    throw new RobinhoodError({
      code: "invalid_response",
      message: `${absent.length} option instrument(s) named by orders or events were not returned (first: ${absent[0]})`,
      endpoint: "GET /options/instruments/",
    });
  }

  const chainIds = [...new Set(instruments.map((instrument) => instrument.chain_id))];
  const chains = await session.getOptionChains(chainIds);
  const multipliers = new Map(chains.map((chain) => [chain.id, chain.trade_value_multiplier]));

  return instruments.map((instrument) => {
    const multiplier = multipliers.get(instrument.chain_id);
    if (multiplier === undefined) {
      throw new RobinhoodError({
        code: "invalid_response",
        message: `the options chain ${instrument.chain_id} of ${instrument.chain_symbol} was not returned`,
        endpoint: "GET /options/chains/",
      });
    }
    return {
      robinhoodId: instrument.id.toLowerCase(),
      underlying: instrument.chain_symbol,
      expirationDate: instrument.expiration_date,
      strikePrice: instrument.strike_price,
      optionType: instrument.type === "call" ? "CALL" : "PUT",
      multiplier,
    };
  });
}
