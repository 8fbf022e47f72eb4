import { STRATEGY_NAMES, type StrategyLabel } from "@/lib/pnl";

/** A chain's strategy label ("Bull put spread (credit)"), or a dash before it has one. */
export function StrategyBadge({ strategy }: { strategy: StrategyLabel | null }) {
  if (strategy === null) return <span className="faint">—</span>;
  return (
    <span className="badge" data-strategy={strategy}>
      {STRATEGY_NAMES[strategy]}
    </span>
  );
}

/** The broker's own name for the opening order's strategy: "short_put_spread" → "short put spread". */
export function brokerStrategyText(value: string): string {
  return value.replaceAll("_", " ");
}
