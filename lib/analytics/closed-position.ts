import type { Micro } from "@/lib/money";

/**
 * One closed position as statistics count it: a closed roll chain. A chain follows a position (one
 * option, or the legs of a spread opened together) through every roll to its close, so a put rolled
 * three times is one position with one result, never four trades.
 */
export type ClosedPosition = {
  id: string;
  underlying: string;
  /** The strategy the position opened as ("bull-put-spread"); null when not labelled yet. */
  strategy: string | null;
  /** Trading date (America/New_York) of the first open, YYYY-MM-DD. */
  openedOn: string;
  /** Trading date of the final close, expiry, assignment or exercise, YYYY-MM-DD. */
  closedOn: string;
  daysHeld: number;
  /** Realized P&L, fees included. */
  realized: Micro;
  /**
   * Premium of every opening fill (the first open and every roll's open), short legs positive and
   * long legs negative, fees excluded: the credit the position took in. Zero or less for a debit
   * position, which premium captured leaves out.
   */
  openingCredit: Micro;
  /** Expiration of the first contract opened (the nearest, for legs opened together), YYYY-MM-DD. */
  firstExpiration: string | null;
};
