/** Query value for a comma list, or nothing when the list is empty. */
export function commaList(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(",") : undefined;
}

/** `updated_at[gte]` takes an ISO timestamp; a Date is written in UTC with milliseconds. */
export function isoParam(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.toISOString();
}

export interface BatchOptions {
  /** Ids per request; keeps URLs well under proxy limits. */
  batchSize?: number;
  signal?: AbortSignal;
}

/** Results in the order of the requested ids; ids the server does not know are left out. */
export function inRequestOrder<T>(ids: readonly string[], found: Map<string, T>): T[] {
  const out: T[] = [];
  for (const id of new Set(ids)) {
    const item = found.get(id);
    if (item !== undefined) out.push(item);
  }
  return out;
}
