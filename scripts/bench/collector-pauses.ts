import { PerformanceObserver } from "node:perf_hooks";

/**
 * How long the collector has stopped this process's main thread so far (ms), summed from the `gc`
 * performance entries Node reports for each collection's pause (concurrent marking and the helper
 * threads' work are not pauses): a benchmark line can say how much of a run went to collections.
 * An entry arrives a tick after its collection, so `read` waits one first.
 */
export function collectorPauseClock(): { read(): Promise<number>; stop(): void } {
  let total = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.duration;
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    async read() {
      await new Promise((resolve) => setImmediate(resolve));
      for (const entry of observer.takeRecords()) total += entry.duration;
      return total;
    },
    stop() {
      observer.disconnect();
    },
  };
}
