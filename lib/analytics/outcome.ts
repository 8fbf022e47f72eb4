import type { Micro } from "@/lib/money";

export type Outcome = "win" | "loss" | "break-even";

/**
 * A closed position's outcome from its realized P&L, fees included. Exactly zero is a break-even:
 * neither a win nor a loss. It still counts as a closed position (in the win rate's denominator and
 * in expectancy) because the win rate answers "how often did a position make money?", and a trade
 * that paid its fees and nothing more did not.
 */
export function outcomeOf(realized: Micro): Outcome {
  if (realized > 0) return "win";
  if (realized < 0) return "loss";
  return "break-even";
}
