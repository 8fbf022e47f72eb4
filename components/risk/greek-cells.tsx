import { displayDecimal, displayPercent } from "@/lib/money";

/** A per-share Greek as market data gives it, four places; "—" (with its reason) when missing. */
export function GreekValue({ value, missing }: { value: string | null; missing: string }) {
  if (value === null) {
    return (
      <span className="faint" title={missing}>
        —<span className="visually-hidden"> ({missing})</span>
      </span>
    );
  }
  return <>{displayDecimal(value, { minDigits: 4, maxDigits: 4 })}</>;
}

/** Implied volatility as a percentage, two places. */
export function VolatilityValue({ value, missing }: { value: string | null; missing: string }) {
  if (value === null) return <GreekValue value={null} missing={missing} />;
  return <>{displayPercent(value, 2)}</>;
}
