import { formatDecimal, formatMoney, formatQuantity } from "@/lib/money";
import type { ChainIndex } from "../chains/build-chains";
import type { CorporateActionReplay } from "../corporate-actions/apply-actions";
import { type BookTable, type ContractRec, DIRECTIONS, type FillTable } from "../internal-types";
import type { OpenLot, PnlExecution } from "../types";
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
    const raw = fills.raw[lot.fill] as PnlExecution;
    return {
      accountId: books.accountId[lot.book] as string,
      contractKey: contract.key,
      underlying: contract.underlying,
      direction: DIRECTIONS[lot.direction] as "long" | "short",
      openExecutionId: raw.id,
      openedOn: raw.tradeDate,
      quantity: formatQuantity(fills.lotQuantity[lot.fill] as number),
      openPrice: formatDecimal(
        actions === null
          ? (fills.price[lot.fill] as number)
          : actions.openPriceOf(lot.fill, fills.price[lot.fill] as number),
      ),
      openCash: formatMoney(lot.openCash),
      mark: lot.mark === null ? null : formatDecimal(lot.mark),
      marketValue: lot.marketValue === null ? null : formatMoney(lot.marketValue),
      unrealized: lot.unrealized === null ? null : formatMoney(lot.unrealized),
      chainId: chains.chainIdOf(fills.episode[lot.fill] as number),
    };
  });
}
