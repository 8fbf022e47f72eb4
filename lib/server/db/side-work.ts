/**
 * Work for this side to do while it waits on the server, in slices: each `next()` of the iterator
 * does one (a generator that yields between its steps). A full recompute that changes nothing waits
 * on the server while it prints the stored rows, between the pieces of text it compares, and had
 * nothing else to do there; its saved inputs' digests then ran after the write, with nothing under them.
 */
export type SideWork = Iterator<unknown>;

/**
 * Awaits `waiting`, running a slice of `work` each time the event loop has nothing else to do until
 * it settles (a slice runs after the socket's pending data is handled, so the reads it waits on are
 * never put off by more than one slice). What is left is for `finishSideWork`. A slice that throws
 * stops the work, and its error is thrown here once `waiting` has settled.
 */
export async function whileWaiting<T>(work: SideWork | undefined, waiting: Promise<T>): Promise<T> {
  if (work === undefined) return waiting;
  let settled = false;
  let failure: { error: unknown } | null = null;
  const step = () => {
    if (settled) return;
    try {
      if (work.next().done !== true) setImmediate(step);
    } catch (error) {
      failure = { error };
    }
  };
  setImmediate(step);
  let value: T;
  try {
    value = await waiting;
  } finally {
    settled = true;
  }
  // When `waiting` threw, its error is the one to see.
  if (failure !== null) throw (failure as { error: unknown }).error;
  return value;
}

/** Runs what is left of `work`, at once. */
export function finishSideWork(work: SideWork | undefined): void {
  if (work === undefined) return;
  while (work.next().done !== true);
}
