const NO_CLOSER = -0x80000000;

/**
 * Numbers the lots of one opening fill closed by one closer, 1, 2, … in the order asked. Each fill's
 * first closer is kept in a typed array (most fills are closed by one closer once); a list only for
 * a fill closed by several.
 */
export class LotOrdinals {
  private readonly first: Int32Array;
  private readonly more = new Map<number, number[]>();

  constructor(fills: number) {
    this.first = new Int32Array(fills).fill(NO_CLOSER);
  }

  next(fill: number, closer: number): number {
    const first = this.first[fill] as number;
    if (first === NO_CLOSER) {
      this.first[fill] = closer;
      return 1;
    }
    let closers = this.more.get(fill);
    if (closers === undefined) {
      closers = [first];
      this.more.set(fill, closers);
    }
    let ordinal = 1;
    for (const earlier of closers) if (earlier === closer) ordinal++;
    closers.push(closer);
    return ordinal;
  }
}
