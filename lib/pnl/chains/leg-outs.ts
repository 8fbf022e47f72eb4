import { formatQuantity } from "@/lib/money";
import { f64, i32, u8 } from "../cells";
import { fillDate } from "../fill-fields";
import {
  CLOSE_KIND_CODES,
  type ContractRec,
  DIRECTIONS,
  type EpisodeTable,
  type FillTable,
} from "../internal-types";
import { compareIds } from "../lots/compare";
import type { LegOut } from "../result-types";
import type { RollTable } from "../rolls/detect-rolls";

/**
 * Legging out: a leg of a multi-leg chain that ended by a trade, an assignment or an exercise
 * while another leg of the chain, already open by then, stayed open after it. A leg that a roll
 * closed moved on rather than out, and an expiry is the contract ending, not a decision (the near
 * leg of a calendar expires by design), so neither counts.
 */
export function legOutsOf(
  tables: { fills: FillTable; books: { contract: ContractRec[] }; episodes: EpisodeTable },
  rolledAway: Uint8Array,
  list: readonly number[],
): LegOut[] {
  const { fills, books, episodes } = tables;
  let legOuts: LegOut[] | null = null;
  let openLegs: OpenLegs | null = null;
  for (const episode of list) {
    const outcome = CLOSE_KIND_CODES[u8(episodes.outcome, episode)];
    if (outcome !== "trade" && outcome !== "assignment" && outcome !== "exercise") continue;
    if (rolledAway[episode] === 1) continue;
    const date = episodes.closedOn[episode] as string;
    // Built once per chain, when a leg may have legged out: a chain of merged histories can hold
    // thousands of legs, and asking each of them about every other one was quadratic.
    openLegs ??= new OpenLegs(
      list.map((leg) => fillDate(fills, i32(episodes.firstOpen, leg))),
      list.map((leg) => (episodes.outcome[leg] === 0 ? null : (episodes.closedOn[leg] ?? ""))),
    );
    // The leg itself closed on this date, so it is never open over it.
    if (!openLegs.anyOpenOver(date)) continue;
    const contract = books.contract[i32(episodes.book, episode)] as ContractRec;
    legOuts ??= [];
    legOuts.push({
      date,
      contractKey: contract.key,
      expiration: contract.expiration,
      strike: contract.strikeText,
      optionType: contract.optionType,
      direction: DIRECTIONS[u8(episodes.direction, episode)] as "long" | "short",
      quantity: formatQuantity(f64(episodes.quantityOpened, episode)),
      outcome,
    });
  }
  if (legOuts === null) return [];
  return legOuts.sort(byDateThenContract);
}

/**
 * Which legs were open over a date: opened on or before it and not closed by it (a leg still open
 * has no close). A close dated before its leg's opening counts from the opening, so a leg closed by
 * a date was opened by it too, and the legs open over a date are those opened by it less those closed
 * by it: two sorted lists answer it by binary search.
 */
export class OpenLegs {
  private readonly opened: string[];
  private readonly closed: string[];

  constructor(opens: readonly string[], closes: readonly (string | null)[]) {
    this.opened = [...opens].sort();
    const closed: string[] = [];
    opens.forEach((open, leg) => {
      const close = closes[leg] ?? null;
      // biome-ignore lint/complexity/useMathMinMax: the later of two dates as text; Math.max takes numbers.
      if (close !== null) closed.push(close > open ? close : open);
    });
    this.closed = closed.sort();
  }

  /** Whether some leg was opened on or before `date` and not closed on or before it. */
  anyOpenOver(date: string): boolean {
    return countAtMost(this.opened, date) > countAtMost(this.closed, date);
  }
}

/** How many of the sorted `values` are at most `bound`. */
function countAtMost(values: readonly string[], bound: string): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as string) <= bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Episodes a roll closed from (1), so they count as rolled, not legged out. */
export function rolledAwayEpisodes(fills: FillTable, episodes: EpisodeTable, rolls: RollTable): Uint8Array {
  const marks = new Uint8Array(episodes.count);
  for (let roll = 0; roll < rolls.count; roll++) {
    for (let index = i32(rolls.fillStart, roll); index < i32(rolls.openStart, roll); index++) {
      const episode = i32(fills.episode, i32(rolls.pool.fills, index));
      if (episode >= 0) marks[episode] = 1;
    }
  }
  return marks;
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byDateThenContract(a: LegOut, b: LegOut): number {
  return a.date === b.date ? compareIds(a.contractKey, b.contractKey) : a.date < b.date ? -1 : 1;
}
