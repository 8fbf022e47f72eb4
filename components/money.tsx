import { displayMoney, signOfDecimal } from "@/lib/money";

type MoneyProps = {
  /** An exact decimal string; null shows a dash (for example, no mark yet). */
  value: string | null;
  /** Green for gains, red for losses. */
  tone?: boolean;
  /** "+" before gains. */
  signed?: boolean;
  title?: string;
};

/** A dollar amount formatted from its exact decimal string. */
export function Money({ value, tone = false, signed = false, title }: MoneyProps) {
  if (value === null) {
    return (
      <span className="money faint" title={title ?? "Not available"}>
        —
      </span>
    );
  }
  const sign = signOfDecimal(value);
  const className =
    tone && sign === "positive" ? "money gain" : tone && sign === "negative" ? "money loss" : "money";
  return (
    <span className={className} title={title}>
      {displayMoney(value, { signed })}
    </span>
  );
}
