import { formatDecimal, formatMoney, formatQuantity } from "@/lib/money";
import { f64, i32, item } from "../cells";
import type { ChainIndex } from "../chains/build-chains";
import type { CorporateActionReplay } from "../corporate-actions/apply-actions";
import { fillDate, fillId } from "../fill-fields";
import { type BookTable, type ContractRec, DIRECTIONS, type FillTable } from "../internal-types";
import type { OpenLot } from "../types";
import type { OpenLotRec } from "../valuation";

/** The open-lot rows, in valuation order (canonical book order, oldest lot first). */
export function openLotRows(
  lots: readonly OpenLotRec[],
  tables: {
    fills: FillTable;
    books: BookTable;
    chains: ChainIndex;
    actions: CorporateActionReplay | null;
  },
): OpenLot[] {
  const { fills, books, chains, actions } = tables;
  return lots.map((lot) => {
    const contract = books.contract[lot.book] as ContractRec;
    return {
      accountId: item(books.accountId, lot.book),
      contractKey: contract.key,
      underlying: contract.underlying,
      direction: DIRECTIONS[lot.direction] as "long" | "short",
      openExecutionId: fillId(fills, lot.fill),
      openedOn: fillDate(fills, lot.fill),
      quantity: formatQuantity(f64(fills.lotQuantity, lot.fill)),
      openPrice: formatDecimal(
        actions === null
          ? f64(fills.price, lot.fill)
          : actions.openPriceOf(lot.fill, f64(fills.price, lot.fill)),
      ),
      openCash: formatMoney(lot.openCash),
      mark: lot.mark === null ? null : formatDecimal(lot.mark),
      marketValue: lot.marketValue === null ? null : formatMoney(lot.marketValue),
      unrealized: lot.unrealized === null ? null : formatMoney(lot.unrealized),
      chainId: chains.chainIdOf(i32(fills.episode, lot.fill)),
    };
  });
}
