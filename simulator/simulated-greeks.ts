import type { SimHistory } from "./history/types";
import { optionGreeksJson } from "./wire/market-data";

/**
 * What `/marketdata/options/` serves as a contract's Greeks (`delta`, `gamma`, `theta`, `vega`,
 * `rho`, `implied_volatility`, six-place strings), recomputed from a history: tests compare what
 * Rollbook stored and shows with it. Null for a contract the history does not have.
 */
export function simulatedOptionGreeks(history: SimHistory, contractId: string) {
  const contract = history.contracts.find((candidate) => candidate.id === contractId);
  return contract ? optionGreeksJson(contract, history) : null;
}
