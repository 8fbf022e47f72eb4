import { z } from "zod";
import { BREAKDOWN_GROUPINGS } from "@/lib/analytics/explain";

// The range form sends empty fields for open ends; they mean "no bound", not a bad date.
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const date = (name: string) =>
  z.preprocess(
    blankIsAbsent,
    z.iso.date({ error: `"${name}" must be one real date, written YYYY-MM-DD` }).optional(),
  );

/**
 * `?by=month&from=2025-01-01&to=2025-12-31`. Each setting is parsed on its own so one bad value is
 * named and ignored while the others still apply: a shared link with a typo shows what was wrong.
 */
const fields = {
  by: z.preprocess(
    blankIsAbsent,
    z
      .enum(BREAKDOWN_GROUPINGS, { error: `"by" must be one of ${BREAKDOWN_GROUPINGS.join(", ")}` })
      .optional(),
  ),
  from: date("from"),
  to: date("to"),
};

export type BreakdownSearchParams = {
  by?: (typeof BREAKDOWN_GROUPINGS)[number];
  from: string | null;
  to: string | null;
  problems: string[];
};

export function parseBreakdownSearchParams(raw: Record<string, unknown>): BreakdownSearchParams {
  const problems: string[] = [];
  const field = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.push(parsed.error.issues[0]?.message ?? "A setting in the address was not understood");
    return undefined;
  };
  const by = field(fields.by, raw.by);
  let from = field(fields.from, raw.from) ?? null;
  let to = field(fields.to, raw.to) ?? null;
  if (from !== null && to !== null && from > to) {
    problems.push(`"from" (${from}) is after "to" (${to}), so the range was left out`);
    from = null;
    to = null;
  }
  return { by, from, to, problems };
}
