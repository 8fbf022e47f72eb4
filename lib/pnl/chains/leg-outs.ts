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
  for (const episode of list) {
    const outcome = CLOSE_KIND_CODES[u8(episodes.outcome, episode)];
    if (outcome !== "trade" && outcome !== "assignment" && outcome !== "exercise") continue;
    if (rolledAway[episode] === 1) continue;
    const date = episodes.closedOn[episode] as string;
    // Plain loops, no closures: this runs for every multi-leg chain of a large history.
    let othersStayed = false;
    for (const other of list) {
      if (other === episode) continue;
      if (episodes.outcome[other] !== 0 && (episodes.closedOn[other] ?? "") <= date) continue;
      if (fillDate(fills, i32(episodes.firstOpen, other)) <= date) {
        othersStayed = true;
        break;
      }
    }
    if (!othersStayed) continue;
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
  return legOuts.sort((a, b) =>
    a.date === b.date
      ? a.contractKey < b.contractKey
        ? -1
        : a.contractKey > b.contractKey
          ? 1
          : 0
      : a.date < b.date
        ? -1
        : 1,
  );
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
