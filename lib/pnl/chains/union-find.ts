import { i32 } from "../cells";
/** Union-find over episodes (a `parent` column): a chain is a connected set of episodes. */
export function findRoot(parent: Int32Array, index: number): number {
  let root = index;
  while (parent[root] !== root) root = i32(parent, root);
  let node = index;
  while (node !== root) {
    const next = i32(parent, node);
    parent[node] = root;
    node = next;
  }
  return root;
}

export function union(parent: Int32Array, a: number, b: number): void {
  const rootA = findRoot(parent, a);
  const rootB = findRoot(parent, b);
  // The smaller index always wins, so a chain's root is its first episode whatever the union order.
  if (rootA < rootB) parent[rootB] = rootA;
  else if (rootB < rootA) parent[rootA] = rootB;
}
