import type { ContractView } from "./decimal-text";

/** A closed (matched) lot as the pages show it: the contract, both prices and dates, and its result. */
export type LotView = {
  id: string;
  contract: ContractView;
  side: "LONG" | "SHORT";
  quantity: string;
  openPrice: string;
  closePrice: string;
  openedOn: string;
  closedOn: string;
  closeKind: "TRADE" | "EXPIRATION" | "EXPIRATION_INFERRED" | "ASSIGNMENT" | "EXERCISE";
  fees: string;
  realized: string;
};
