import { breakdownHref } from "@/lib/analytics/explain";
import { displayDecimal, displayMoney } from "@/lib/money";
import type { PortfolioFigure, PortfolioGreeks } from "@/lib/risk";
import { Stat } from "../stat";

function note(figure: PortfolioFigure, what: string) {
  if (figure.missing === 0) return `${figure.positions} positions`;
  return `${figure.positions} positions; ${figure.missing} without ${what} not included`;
}

/**
 * The portfolio's Greeks in dollars: exact sums, rounded to cents only here, for display. Delta
 * dollars and theta per day link to their breakdowns (/explain/delta, /explain/theta).
 */
export function PortfolioGreeksStats({ totals }: { totals: PortfolioGreeks }) {
  return (
    <section className="stats" aria-label="Portfolio Greeks">
      <Stat
        label="Delta dollars"
        note={note(totals.deltaDollars, "Greeks or a quote")}
        labelHref={breakdownHref("delta", {})}
      >
        <span data-testid="portfolio-delta-dollars">
          {displayMoney(totals.deltaDollars.total, { signed: true })}
        </span>
      </Stat>
      <Stat
        label="Theta per day"
        note={note(totals.thetaPerDay, "Greeks")}
        labelHref={breakdownHref("theta", {})}
      >
        <span data-testid="portfolio-theta">{displayMoney(totals.thetaPerDay.total, { signed: true })}</span>
      </Stat>
      <Stat label="Vega per vol point" note={note(totals.vegaPerVolPoint, "Greeks")}>
        <span data-testid="portfolio-vega">
          {displayMoney(totals.vegaPerVolPoint.total, { signed: true })}
        </span>
      </Stat>
      <Stat label="Delta in shares" note={note(totals.deltaShares, "Greeks")}>
        <span data-testid="portfolio-delta-shares">
          {displayDecimal(totals.deltaShares.total, { maxDigits: 2 })}
        </span>
      </Stat>
    </section>
  );
}
