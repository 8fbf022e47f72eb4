import type { PnlRename, PnlSplit } from "@/lib/pnl";

/** Builders for renames and splits, in the style of builders.ts. */

export function rename(spec: {
  id: string;
  date: string;
  from: string;
  to: string;
  accountId?: string;
}): PnlRename {
  return {
    type: "rename",
    id: spec.id,
    accountId: spec.accountId ?? "acct-1",
    date: spec.date,
    symbol: spec.from,
    newSymbol: spec.to,
  };
}

/** `ratio` as "after:before", e.g. "2:1" or "1:10". */
export function split(spec: {
  id: string;
  date: string;
  symbol: string;
  ratio: string;
  accountId?: string;
}): PnlSplit {
  const [after, before] = spec.ratio.split(":");
  if (!after || !before) throw new Error(`bad split ratio: ${spec.ratio}`);
  return {
    type: "split",
    id: spec.id,
    accountId: spec.accountId ?? "acct-1",
    date: spec.date,
    symbol: spec.symbol,
    sharesAfter: after,
    sharesBefore: before,
  };
}
