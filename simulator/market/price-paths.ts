import { isTradingDay } from "./calendar";
import { createRng } from "./prng";
import type { Underlying } from "./underlyings";

/**
 * Daily closing prices in cents: a geometric random walk per symbol from its own seeded stream.
 * The trader sees one price per day and expirations settle on it.
 */
export interface PricePaths {
  closeCents(symbol: string, day: number): number;
}

export function createPricePaths(options: {
  seed: number;
  underlyings: readonly Underlying[];
  firstDay: number;
  lastDay: number;
}): PricePaths {
  const paths = new Map<string, Map<number, number>>();
  for (const underlying of options.underlyings) {
    const rng = createRng(options.seed, `price:${underlying.symbol}`);
    const dailyVol = underlying.volatility / Math.sqrt(252);
    const dailyDrift = underlying.drift / 252 - (dailyVol * dailyVol) / 2;
    // Start within a few months' move of the catalogue price so two seeds do not share a chart.
    let price = (underlying.startPriceCents / 100) * Math.exp(0.5 * underlying.volatility * rng.normal());
    const path = new Map<number, number>();
    for (let day = options.firstDay - 10; day <= options.lastDay + 10; day += 1) {
      if (!isTradingDay(day)) continue;
      price *= Math.exp(dailyDrift + dailyVol * rng.normal());
      path.set(day, Math.max(50, Math.round(price * 100)));
    }
    paths.set(underlying.symbol, path);
  }
  return {
    closeCents(symbol, day) {
      const path = paths.get(symbol);
      if (!path) throw new Error(`no price path for ${symbol}`);
      for (let d = day; d > day - 10; d -= 1) {
        const price = path.get(d);
        if (price !== undefined) return price;
      }
      throw new Error(`no price for ${symbol} near day ${day}`);
    },
  };
}
