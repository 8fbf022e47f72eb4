import { z } from "zod";

const isoDay = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value));

/**
 * `/calendar?year=2025&month=3&day=2025-03-14` (a month, with one day's lots), `/calendar?year=2025`
 * (the year). Anything malformed is ignored: the page falls back to the latest month with P&L.
 */
export const calendarSearchParams = z.object({
  year: z.coerce.number().int().min(1990).max(2200).optional().catch(undefined),
  month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
  day: isoDay.optional().catch(undefined),
});

export type CalendarSearchParams = z.infer<typeof calendarSearchParams>;

/** The period a request asks for: the day's month when only a day is given, else year and month. */
export function calendarPeriod(
  params: CalendarSearchParams,
): { year: number; month: number | null } | undefined {
  if (params.year !== undefined) return { year: params.year, month: params.month ?? null };
  if (params.day) return { year: Number(params.day.slice(0, 4)), month: Number(params.day.slice(5, 7)) };
  return undefined;
}
