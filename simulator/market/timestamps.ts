/** Instants in generated data are integer microseconds since the epoch (Robinhood prints 6 digits). */
export type Micros = number;

/** `2024-10-18T19:22:15.471596Z`. */
export function isoMicros(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = (((us % 1_000_000) + 1_000_000) % 1_000_000).toString().padStart(6, "0");
  return `${base}.${fraction}Z`;
}

/** Execution timestamps are often millisecond precision padded to six digits (§3.2). */
export function isoMillisPadded(us: Micros): string {
  return isoMicros(Math.floor(us / 1000) * 1000);
}

/** `2024-08-02T19:30:00+00:00` style (sellout_datetime). */
export function isoWithOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}
