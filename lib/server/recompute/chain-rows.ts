import "server-only";
import type { Direction, LegOut, RollChain } from "@/lib/pnl";
import { type CopyRow, dayTimestamp, textArrayLiteral } from "@/lib/server/db/copy-rows";
import { jsonbShape, jsonbText } from "@/lib/server/db/jsonb-text";
import type { InstrumentIds } from "./contract-instrument-ids";
import { type DerivedRowIds, derivedRowIds } from "./derived-row-id";

/** The rows of roll chains and of their rolls (`derived-rows.ts` makes every table's). */

export const side = (direction: Direction) => (direction === "long" ? "LONG" : "SHORT");

export const CHAIN_COLUMNS = [
  "id",
  "user_id",
  "chain_key",
  "underlying",
  "option_type",
  "side",
  "status",
  "roll_count",
  "opened_at",
  "closed_at",
  "days_held",
  "net_premium",
  "realized_pnl",
  "unrealized_pnl",
  "breakeven_price",
  "strategy",
  "leg_outs",
  "opening_strategy",
  "adjustments",
] as const;
export const LINK_COLUMNS = [
  "id",
  "user_id",
  "chain_id",
  "sequence",
  "rolled_on",
  "from_instrument_id",
  "to_instrument_id",
  "closed_quantity",
  "opened_quantity",
  "kinds",
  "net_credit",
] as const;

/** The instrument id the loader read for a contract of the result; a contract it did not read is a bug. */
export function instrumentIdOf(instrumentIds: InstrumentIds, key: string, row?: number): string {
  const id = instrumentIds.idOf(key, row);
  if (!id) throw new Error(`The engine returned a contract the loader did not supply: ${key}`);
  return id;
}

const LEG_OUTS = jsonbShape<LegOut>()([
  "date",
  "contractKey",
  "expiration",
  "strike",
  "optionType",
  "direction",
  "quantity",
  "outcome",
]);

export function chainRow(
  userId: string,
  chain: RollChain,
  id: string | null,
  openingStrategy: string | null,
): CopyRow {
  return [
    id,
    userId,
    chain.id,
    chain.underlying,
    chain.optionType === "call" ? "CALL" : "PUT",
    side(chain.side),
    chain.status.toUpperCase(),
    String(chain.rolls.length),
    dayTimestamp(chain.openedOn),
    chain.closedOn ? dayTimestamp(chain.closedOn) : null,
    String(chain.daysHeld),
    chain.netPremium,
    chain.realized,
    chain.unrealized,
    chain.breakeven,
    chain.strategy,
    LEG_OUTS.list(chain.legOuts),
    openingStrategy,
    jsonbText(chain.adjustments),
  ];
}

/** The roll rows of the chains, numbered within each chain. */
export class LinkRows {
  readonly rows: CopyRow[] = [];
  private readonly ids: DerivedRowIds;
  // A handful of expiry × strike moves label every roll: one array literal each.
  private readonly kindsLiterals = new Map<string, string>();

  constructor(
    private readonly userId: string,
    private readonly instrumentIds: InstrumentIds,
  ) {
    this.ids = derivedRowIds(userId, "roll");
  }

  add(chain: RollChain, chainId: string | null): void {
    for (let index = 0; index < chain.rolls.length; index++) {
      const roll = chain.rolls[index] as RollChain["rolls"][number];
      this.rows.push([
        this.ids.of(`${chain.id}#${index + 1}`),
        this.userId,
        chainId,
        String(index + 1),
        roll.date,
        instrumentIdOf(this.instrumentIds, roll.from.contractKey),
        instrumentIdOf(this.instrumentIds, roll.to.contractKey),
        roll.closeQuantity,
        roll.openQuantity,
        this.kindsOf(roll.expiry, roll.strike),
        roll.netCash,
      ]);
    }
  }

  private kindsOf(expiry: string, strike: string): string {
    const moves = `${expiry} ${strike}`;
    let literal = this.kindsLiterals.get(moves);
    if (literal === undefined) {
      literal = textArrayLiteral(
        [expiry, strike].filter((move) => move !== "same").map((move) => move.toUpperCase()),
      );
      this.kindsLiterals.set(moves, literal);
    }
    return literal;
  }
}
