export type {
  RobinhoodAccount,
  RobinhoodUser,
} from "../schemas/identity";
export type { EquityComponent, OptionEvent } from "../schemas/option-events";
export type { OptionChain, OptionInstrument } from "../schemas/option-instruments";
export type { OptionMarketData } from "../schemas/option-market-data";
export type { OptionExecution, OptionLeg, OptionOrder } from "../schemas/option-orders";
export { OPTION_ORDER_STATES } from "../schemas/option-orders";
export type { OptionAggregatePosition, OptionPosition } from "../schemas/option-positions";
export type {
  StockInstrument,
  StockOrder,
  StockOrderExecution,
  StockPosition,
  StockQuote,
} from "../schemas/stock";
export { createRobinhoodClient, type RobinhoodClient, type RobinhoodClientOptions } from "./client";
export { DEFAULT_TOKEN_LIFETIME_SECONDS, ROBINHOOD_API_BASE_URL, ROBINHOOD_CLIENT_ID } from "./constants";
export { DEFAULT_POLLING_POLICY, type PollingPolicy } from "./context";
export { DEVICE_TOKEN_PATTERN, generateDeviceToken } from "./device-token";
export type { ListOptionEventsOptions } from "./endpoints/option-events";
export type { ListOptionOrdersOptions } from "./endpoints/option-orders";
export type { ListOptionPositionsOptions } from "./endpoints/option-positions";
export type { BatchOptions } from "./endpoints/shared";
export type { ListStockPositionsOptions } from "./endpoints/stock";
export type { ListStockOrdersOptions } from "./endpoints/stock-orders";
export { isRobinhoodError, RobinhoodError, type RobinhoodErrorCode } from "./errors";
export type { LegacyChallenge, LoginCredentials, LoginOutcome } from "./login";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
export type { ClientRuntime } from "./runtime";
export type { RobinhoodSession, SessionOptions } from "./session";
export type { RefreshTokensOptions, RobinhoodTokens } from "./tokens";
export type { PendingVerification, PromptStatus, VerificationChallenge } from "./verification";
