import { formatMinorUnits } from "@/lib/money";
import type { SimHistory } from "../history/types";
import { isoMicros } from "../market/timestamps";
import type { ApiUrls } from "./urls";

/** §2.1 `/user/`. */
export function userJson(history: SimHistory, urls: ApiUrls) {
  const { user } = history;
  return {
    additional_info: `${urls.user()}additional_info/`,
    basic_info: `${urls.user()}basic_info/`,
    created_at: isoMicros(user.createdAtUs),
    email: user.email,
    email_verified: true,
    employment: `${urls.user()}employment/`,
    first_name: user.firstName,
    id: user.id,
    id_info: `${urls.user()}id/`,
    international_info: `${urls.user()}international_info/`,
    investment_profile: `${urls.user()}investment_profile/`,
    last_name: user.lastName,
    locality: "US",
    origin: { locality: "US" },
    profile_name: `${user.firstName} ${user.lastName}`,
    url: urls.user(),
    username: user.username,
  };
}

/**
 * §2.2 one account. Cash is the exact result of the generated history; collateral is what open
 * short puts and spreads tie up.
 */
export function accountJson(history: SimHistory, urls: ApiUrls, collateralCents: number) {
  const { account, user } = history;
  const cash = formatMinorUnits(history.cashCents, 2, 2);
  const buyingPower = formatMinorUnits(history.cashCents - collateralCents, 2, 2);
  return {
    account_number: account.accountNumber,
    active_subscription_id: null,
    brokerage_account_type: "individual",
    buying_power: buyingPower,
    can_downgrade_to_cash: `${urls.account(account.accountNumber)}can_downgrade_to_cash/`,
    cash,
    cash_available_for_withdrawal: buyingPower,
    cash_balances: null,
    cash_held_for_options_collateral: formatMinorUnits(collateralCents, 2, 2),
    cash_held_for_orders: "0.00",
    created_at: isoMicros(account.createdAtUs),
    crypto_buying_power: "0.00",
    deactivated: false,
    deposit_halted: false,
    drip_enabled: false,
    eligible_for_fractionals: true,
    fractional_position_closing_only: false,
    instant_eligibility: { state: "ok", reason: "", reinstatement_date: null },
    is_pinnacle_account: true,
    locked: false,
    margin_balances: { cash: cash, day_trade_buying_power: buyingPower, unsettled_funds: "0.00" },
    max_ach_early_access_amount: "1000.00",
    only_position_closing_trades: false,
    option_level: "option_level_3",
    permanently_deactivated: false,
    portfolio: `${urls.base}/portfolios/${account.accountNumber}/`,
    portfolio_cash: cash,
    positions: `${urls.base}/positions/`,
    rhs_account_number: account.accountNumber.replace(/^\d[A-Z]{2}/, "5"),
    sma: "0.00",
    sma_held_for_orders: "0.00",
    state: "active",
    sweep_enabled: false,
    type: account.type,
    uncleared_deposits: "0.00",
    unsettled_debit: "0.00",
    unsettled_funds: "0.00",
    updated_at: isoMicros(Math.max(account.createdAtUs, history.nowMs * 1000 - 3_600_000_000)),
    url: urls.account(account.accountNumber),
    user: urls.user(),
    user_id: user.id,
    withdrawal_halted: false,
    option_trading_on_expiration_enabled: true,
  };
}
