/**
 * Numbers the lots of one opening fill closed by one closer (a fill, an event or "inferred"): 1, 2, …
 * in the order given. Kept by opening fill, whose id the engine hands out as one shared string (its
 * hash computed once), not by the joined pair, a new string to hash for every lot.
 */
export class LotOrdinals {
  private readonly closersOf = new Map<string, string | string[]>();

  next(openId: string, closer: string): number {
    const seen = this.closersOf.get(openId);
    if (seen === undefined) {
      this.closersOf.set(openId, closer);
      return 1;
    }
    if (typeof seen === "string") {
      this.closersOf.set(openId, [seen, closer]);
      return seen === closer ? 2 : 1;
    }
    let ordinal = 1;
    for (const earlier of seen) if (earlier === closer) ordinal++;
    seen.push(closer);
    return ordinal;
  }
}
