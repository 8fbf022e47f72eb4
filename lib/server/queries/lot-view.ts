import type { ContractView } from "./decimal-text";

/** How a lot was closed: a closing trade, an expiration (recorded or inferred), an assignment or an exercise. */
export type CloseKind = "TRADE" | "EXPIRATION" | "EXPIRATION_INFERRED" | "ASSIGNMENT" | "EXERCISE";

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
  closeKind: CloseKind;
  fees: string;
  realized: string;
};
