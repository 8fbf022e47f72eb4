import type { Episode } from "../internal-types";

/** Union-find over episodes (their `parent` indexes): a chain is a connected set of episodes. */
export function findRoot(episodes: readonly Episode[], index: number): number {
  let root = index;
  while ((episodes[root] as Episode).parent !== root) root = (episodes[root] as Episode).parent;
  let node = index;
  while (node !== root) {
    const episode = episodes[node] as Episode;
    node = episode.parent;
    episode.parent = root;
  }
  return root;
}

export function union(episodes: readonly Episode[], a: number, b: number): void {
  const rootA = findRoot(episodes, a);
  const rootB = findRoot(episodes, b);
  // Deterministic: the smaller index wins (ids come from the first open, not from the root).
  if (rootA < rootB) (episodes[rootB] as Episode).parent = rootA;
  else if (rootB < rootA) (episodes[rootA] as Episode).parent = rootB;
}
