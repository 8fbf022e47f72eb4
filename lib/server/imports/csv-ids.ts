/**
 * The account imported rows are booked to. Robinhood's exports name no account, so every file of a
 * user lands in this one.
 */
export const CSV_ACCOUNT_NUMBER = "csv-import";

/**
 * Prefix of the order id given to an imported fill that came without one (activity reports carry
 * no order ids). The loader reads such orders back as "order unknown", so the engine never takes
 * two separately reported fills for the two legs of one order.
 */
export const CSV_ORDER_PREFIX = "csv:";
