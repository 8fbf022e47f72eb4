import { sumDecimals } from "@/lib/money";
import type { PositionExposure, PositionRisk } from "./position-risk";

/** One portfolio figure: the exact sum over the positions that have it, and how many were left out. */
export type PortfolioFigure = { total: string; positions: number; missing: number };

export type PortfolioGreeks = {
  deltaShares: PortfolioFigure;
  deltaDollars: PortfolioFigure;
  gammaShares: PortfolioFigure;
  thetaPerDay: PortfolioFigure;
  vegaPerVolPoint: PortfolioFigure;
};

const FIGURES = ["deltaShares", "deltaDollars", "gammaShares", "thetaPerDay", "vegaPerVolPoint"] as const;

/**
 * The portfolio's Greeks in shares and dollars: each position's exposure added exactly. A position
 * without the figure (no Greeks, or no quote for delta dollars) is left out and counted in `missing`,
 * never added as 0, so a screen can say the total is partial.
 */
export function portfolioGreeks(risks: readonly Pick<PositionRisk, "exposure">[]): PortfolioGreeks {
  return Object.fromEntries(
    FIGURES.map((figure) => [
      figure,
      figureOf(
        risks.map((risk) => risk.exposure),
        figure,
      ),
    ]),
  ) as PortfolioGreeks;
}

function figureOf(exposures: readonly PositionExposure[], figure: keyof PositionExposure): PortfolioFigure {
  const known = exposures.flatMap((exposure) => {
    const value = exposure[figure];
    return value === null ? [] : [value];
  });
  return { total: sumDecimals(known), positions: known.length, missing: exposures.length - known.length };
}
