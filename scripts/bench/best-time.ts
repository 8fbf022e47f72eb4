/** Best wall-clock and best CPU time of one piece of work over several runs, each after a full collection. */
export interface BestTime {
  wallSeconds: number;
  /**
   * CPU time of the process (`process.cpuUsage`): on a machine shared with other jobs the wall clock
   * measures the queue for a core as much as the work, CPU time only the work.
   */
  cpuSeconds: number;
}

export function bestTime(runs: number, work: () => void): BestTime {
  const best = { wallSeconds: Number.POSITIVE_INFINITY, cpuSeconds: Number.POSITIVE_INFINITY };
  for (let run = 0; run < runs; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    work();
    best.wallSeconds = Math.min(best.wallSeconds, (performance.now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    best.cpuSeconds = Math.min(best.cpuSeconds, (used.user + used.system) / 1e6);
  }
  return best;
}
