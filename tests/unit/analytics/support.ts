import type { ClosedPosition } from "@/lib/analytics";
import { parseDecimal } from "@/lib/money";

/** A closed position written out by hand: money as decimal strings, only what a test cares about. */
export function closed(
  spec: Partial<Omit<ClosedPosition, "realized" | "openingCredit">> & {
    realized: string;
    openingCredit?: string;
  },
): ClosedPosition {
  return {
    id: spec.id ?? `chain-${spec.realized}`,
    underlying: spec.underlying ?? "SOFI",
    strategy: spec.strategy === undefined ? "short-put" : spec.strategy,
    openedOn: spec.openedOn ?? "2025-03-03",
    closedOn: spec.closedOn ?? "2025-03-14",
    daysHeld: spec.daysHeld ?? 11,
    realized: parseDecimal(spec.realized),
    openingCredit: parseDecimal(spec.openingCredit ?? "0"),
    firstExpiration: spec.firstExpiration === undefined ? "2025-03-21" : spec.firstExpiration,
  };
}
