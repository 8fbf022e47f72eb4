/**
 * "Risk now": per open option position its Greeks, days to expiration, distance to strike and
 * assignment risk, and the portfolio's Greeks in shares and dollars. Pure functions over decimal
 * strings; the rules are in `risk-rules.ts`, each written once.
 */
export { type PortfolioFigure, type PortfolioGreeks, portfolioGreeks } from "./portfolio-greeks";
export {
  type ContractGreeks,
  type MissingGreeksReason,
  type MissingPriceReason,
  type PositionExposure,
  type PositionRisk,
  type PositionRiskInput,
  positionRisk,
} from "./position-risk";
export {
  ASSIGNMENT_RISK_MAX_DAYS,
  expiresThisWeek,
  expiryWeekEnd,
  hasAssignmentRisk,
  type Moneyness,
  moneynessOf,
} from "./risk-rules";
