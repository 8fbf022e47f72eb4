import { add, divRounded, formatMoney, formatQuantity, type Micro, mul, negate } from "@/lib/money";
import { daysBetween } from "../dates";
import { stableHash } from "../hash";
import type { Episode } from "../internal-types";
import { compareIds, compareTime } from "../lots/compare";
import type { ChainLeg, ChainStatus, RollChain } from "../result-types";
import type { RollRec } from "../rolls/detect-rolls";
import type { CloseKind } from "../types";
import { findRoot, union } from "./union-find";

/**
 * Roll chains: episodes (one contract position from open to flat) joined by the rolls between them.
 * A chain's id hashes its account and the id of its earliest opening fill, so recomputing the same
 * data, or appending newer data, keeps it.
 */
export const BREAKEVEN_ROUNDING = "half-even" as const;

export interface ChainBuild {
  chains: RollChain[];
  /** Chain id of every episode, by episode index. */
  chainIds: string[];
}

export interface BuildChainsOptions {
  episodes: readonly Episode[];
  rolls: readonly RollRec[];
  asOf: string;
}

const STATUS: Record<CloseKind, ChainStatus> = {
  trade: "closed",
  expiration: "expired",
  "expiration-inferred": "expired",
  assignment: "assigned",
  exercise: "exercised",
};
// When several legs end on the chain's last day, the most consequential ending names the chain.
const PRIORITY: Record<CloseKind, number> = {
  assignment: 4,
  exercise: 3,
  expiration: 2,
  "expiration-inferred": 1,
  trade: 0,
};

export function buildChains({ episodes, rolls, asOf }: BuildChainsOptions): ChainBuild {
  for (const roll of rolls) {
    const first = roll.episodes[0];
    if (first === undefined) continue;
    for (const other of roll.episodes) union(episodes, first.index, other.index);
  }
  // Lists indexed by root episode (arrays, not maps: there can be hundreds of thousands).
  const members: (Episode[] | undefined)[] = new Array(episodes.length);
  for (const episode of episodes) {
    const root = findRoot(episodes, episode.index);
    const list = members[root];
    if (list) list.push(episode);
    else members[root] = [episode];
  }
  const rollsByRoot: (RollRec[] | undefined)[] = new Array(episodes.length);
  for (const roll of rolls) {
    const first = roll.episodes[0];
    if (first === undefined) continue;
    const root = findRoot(episodes, first.index);
    const list = rollsByRoot[root];
    if (list) list.push(roll);
    else rollsByRoot[root] = [roll];
  }
  const chainIds: string[] = new Array(episodes.length);
  const chains: RollChain[] = [];
  for (let root = 0; root < members.length; root++) {
    const list = members[root];
    if (list === undefined) continue;
    if (list.length > 1) list.sort(compareEpisodes);
    const chain = buildChain(list, rollsByRoot[root] ?? [], asOf);
    for (const episode of list) chainIds[episode.index] = chain.id;
    chains.push(chain);
  }
  chains.sort((a, b) =>
    a.openedOn === b.openedOn ? compareIds(a.id, b.id) : a.openedOn < b.openedOn ? -1 : 1,
  );
  return { chains, chainIds };
}

function compareEpisodes(a: Episode, b: Episode): number {
  return compareTime(a.firstOpen, b.firstOpen) || compareIds(a.firstOpen.id, b.firstOpen.id);
}

function buildChain(list: Episode[], rolls: RollRec[], asOf: string): RollChain {
  const first = list[0] as Episode;
  const contract = first.book.contract;
  let netPremium: Micro = 0;
  let realized: Micro = 0;
  let fees: Micro = 0;
  let unrealized: Micro | null = 0;
  const open: Episode[] = [];
  let closedOn = "";
  for (const episode of list) {
    netPremium = add(netPremium, episode.netCash);
    realized = add(realized, episode.realized);
    fees = add(fees, episode.fees);
    if (episode.outcome === null) {
      open.push(episode);
      unrealized = episode.unmarked || unrealized === null ? null : add(unrealized, episode.unrealized);
    } else if ((episode.closedOn ?? "") > closedOn) closedOn = episode.closedOn ?? "";
  }
  const ending = open.length > 0 ? [] : list.filter((episode) => episode.closedOn === closedOn);
  const final = ending.reduce<Episode | null>(
    (best, episode) =>
      best === null || PRIORITY[episode.outcome as CloseKind] > PRIORITY[best.outcome as CloseKind]
        ? episode
        : best,
    null,
  );
  const status: ChainStatus = final === null ? "open" : STATUS[final.outcome as CloseKind];
  return {
    id: `ch_${stableHash([first.book.accountId, first.firstOpen.id])}`,
    accountId: first.book.accountId,
    underlying: contract.underlying,
    optionType: contract.optionType,
    side: first.direction,
    status,
    expiryInferred: final?.outcome === "expiration-inferred",
    openedOn: first.openedOn,
    closedOn: final === null ? null : closedOn,
    daysHeld: daysBetween(first.openedOn, final === null ? asOf : closedOn),
    rolls: rolls.map((roll) => roll.roll),
    netPremium: formatMoney(netPremium),
    realized: formatMoney(realized),
    unrealized: open.length === 0 ? "0.00" : unrealized === null ? null : formatMoney(unrealized),
    fees: formatMoney(fees),
    breakeven: breakevenOf(open, ending, status, netPremium),
    legs: list.map(formatLeg),
  };
}

/**
 * Strike of the open (or assigned / exercised) contract moved by the chain's net premium per share:
 * a short call or long put moves up by a credit, a short put or long call moves down. Only defined
 * when exactly one contract carries the position.
 */
function breakevenOf(
  open: Episode[],
  ending: Episode[],
  status: ChainStatus,
  netPremium: Micro,
): string | null {
  let episode: Episode | undefined;
  let quantity: Micro = 0;
  if (open.length === 1) {
    episode = open[0];
    quantity = episode?.quantityOpen ?? 0;
  } else if (open.length === 0 && (status === "assigned" || status === "exercised")) {
    const delivered = ending.filter((candidate) => STATUS[candidate.outcome as CloseKind] === status);
    if (delivered.length === 1) {
      episode = delivered[0];
      quantity = episode?.finalEventQuantity ?? 0;
    }
  }
  if (episode === undefined || quantity === 0) return null;
  const contract = episode.book.contract;
  const shares = mul(quantity, contract.multiplier);
  const perShare = divRounded(netPremium, shares, BREAKEVEN_ROUNDING);
  const up = (contract.optionType === "call") === (episode.direction === "short");
  return formatMoney(add(contract.strike, up ? perShare : negate(perShare)));
}

function formatLeg(episode: Episode): ChainLeg {
  const contract = episode.book.contract;
  return {
    contractKey: contract.key,
    expiration: contract.expiration,
    strike: contract.strikeText,
    optionType: contract.optionType,
    openedOn: episode.openedOn,
    closedOn: episode.closedOn,
    quantityOpened: formatQuantity(episode.quantityOpened),
    quantityOpen: formatQuantity(episode.quantityOpen),
    outcome: episode.outcome ?? "open",
    netCash: formatMoney(episode.netCash),
    realized: formatMoney(episode.realized),
  };
}
