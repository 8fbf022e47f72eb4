/**
 * The Positions page's sort keys and page size, shared by its search params (app/) and its read model:
 * only these keys reach SQL, each as a fixed ORDER BY of the read model (never text from the URL).
 */
export const POSITION_SORTS = [
  "contract",
  "side",
  "quantity",
  "dte",
  "average-price",
  "mark",
  "market-value",
  "unrealized",
  "strategy",
] as const;

export type PositionSortColumn = (typeof POSITION_SORTS)[number];
export type PositionSort = { column: PositionSortColumn; descending: boolean };

export const POSITIONS_PAGE_SIZE = 50;
