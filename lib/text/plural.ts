/** "1 chain", "2 chains": English counts in the messages forms show. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
