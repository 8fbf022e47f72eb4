import { divideIntegers, formatMinorUnits } from "@/lib/money";
import type { SimOptionPosition, SimStockPosition } from "../history/positions";
import type { SimAggregate, SimHistory } from "../history/types";
import { stableId } from "../market/ids";
import { isoMicros } from "../market/timestamps";
import { optionPositionId } from "./events";
import { isoDay, positionQuantity, price4, shareQuantity, strategyCode } from "./format";
import type { ApiUrls } from "./urls";

const ZERO4 = "0.0000";
const ZERO8 = "0.00000000";

/**
 * Average per contract (price × 100 shares) in 1e-4 dollars. `costCents` sums cents-per-share ×
 * contracts, so cents per share averaged over contracts is also dollars per contract.
 */
function averagePerContract(costCents: number, quantity: number): number {
  return quantity === 0 ? 0 : divideIntegers(costCents * 10_000, quantity, "half-away-from-zero");
}

/** §3.3 one options position row. `average_price` is per contract and negative for shorts. */
export function optionPositionJson(position: SimOptionPosition, history: SimHistory, urls: ApiUrls) {
  const accountNumber = history.account.accountNumber;
  const id = optionPositionId(accountNumber, position.contract.id, position.type);
  const average = averagePerContract(position.openCostCents, position.quantity);
  return {
    account: urls.account(accountNumber),
    account_number: accountNumber,
    average_price: formatMinorUnits(position.type === "short" ? -average : average, 4, 4),
    chain_id: position.contract.chainId,
    chain_symbol: position.contract.symbol,
    created_at: isoMicros(position.createdAtUs),
    id,
    intraday_average_open_price: ZERO4,
    intraday_quantity: ZERO4,
    option: urls.optionInstrument(position.contract.id),
    option_id: position.contract.id,
    pending_assignment_quantity: ZERO4,
    pending_buy_quantity: ZERO4,
    pending_exercise_quantity: ZERO4,
    pending_expiration_quantity: ZERO4,
    pending_expired_quantity: ZERO4,
    pending_sell_quantity: ZERO4,
    quantity: positionQuantity(position.quantity),
    trade_value_multiplier: "100.0000",
    type: position.type,
    updated_at: isoMicros(position.updatedAtUs),
    url: urls.optionPosition(id),
  };
}

/** §3.3 aggregate position: `average_open_price` positive, its sign given by `direction`. */
export function aggregatePositionJson(aggregate: SimAggregate, urls: ApiUrls) {
  const average = averagePerContract(aggregate.openCostCents, aggregate.quantity);
  const averageText = formatMinorUnits(average, 4, 4);
  const quantity = positionQuantity(aggregate.quantity);
  return {
    account: urls.account(aggregate.accountNumber),
    account_number: aggregate.accountNumber,
    average_open_price: averageText,
    chain: urls.optionChain(aggregate.chainId),
    clearing_cost_basis: formatMinorUnits(average * aggregate.quantity, 4, 4),
    clearing_direction: aggregate.direction,
    clearing_intraday_cost_basis: "0E-8",
    clearing_intraday_direction: aggregate.direction,
    clearing_intraday_running_quantity: ZERO4,
    clearing_running_quantity: quantity,
    created_at: isoMicros(aggregate.createdAtUs),
    direction: aggregate.direction,
    id: aggregate.id,
    intraday_average_open_price: ZERO4,
    intraday_direction: aggregate.direction,
    intraday_quantity: ZERO4,
    legs: aggregate.legs.map((leg) => ({
      expiration_date: isoDay(leg.contract.expirationDay),
      id: stableId("aggregate-leg", aggregate.id, leg.contract.id),
      option: urls.optionInstrument(leg.contract.id),
      option_id: leg.contract.id,
      option_type: leg.contract.type,
      position: urls.optionPosition(
        optionPositionId(aggregate.accountNumber, leg.contract.id, leg.positionType),
      ),
      position_type: leg.positionType,
      ratio_quantity: leg.ratio,
      settle_on_open: false,
      strike_price: price4(leg.contract.strikeCents),
    })),
    quantity,
    strategy: aggregate.strategy,
    strategy_code: aggregate.legs.map((leg) => strategyCode(leg.contract.id, leg.positionType)).join("_"),
    symbol: aggregate.symbol,
    trade_value_multiplier: "100.0000",
    underlying_type: "equity",
    updated_at: isoMicros(aggregate.updatedAtUs),
  };
}

/** §4 stock position; shares under open covered calls are shown as options collateral. */
export function stockPositionJson(
  position: SimStockPosition,
  context: { history: SimHistory; urls: ApiUrls; collateralShares: number },
) {
  const { history, urls } = context;
  const accountNumber = history.account.accountNumber;
  const average =
    position.shares === 0
      ? 0
      : divideIntegers(position.costCents * 100, position.shares, "half-away-from-zero");
  const averageText = formatMinorUnits(average, 4, 4);
  return {
    account: urls.account(accountNumber),
    account_number: accountNumber,
    average_buy_price: averageText,
    created_at: isoMicros(position.createdAtUs),
    instrument: urls.equityInstrument(position.instrumentId),
    instrument_id: position.instrumentId,
    intraday_average_buy_price: ZERO4,
    intraday_quantity: ZERO8,
    pending_average_buy_price: averageText,
    quantity: shareQuantity(position.shares),
    shares_available_for_exercise: shareQuantity(position.shares),
    shares_available_for_sells: shareQuantity(position.shares - context.collateralShares),
    shares_held_for_buys: ZERO8,
    shares_held_for_options_collateral: shareQuantity(context.collateralShares),
    shares_held_for_options_events: ZERO8,
    shares_held_for_sells: ZERO8,
    shares_held_for_stock_grants: ZERO8,
    shares_pending_from_options_events: ZERO8,
    symbol: position.symbol,
    updated_at: isoMicros(position.updatedAtUs),
    url: urls.stockPosition(accountNumber, position.instrumentId),
  };
}
