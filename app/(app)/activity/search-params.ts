import { z } from "zod";
import { GROUPINGS } from "@/lib/analytics";
import { ACTIVITY_SORTS, ACTIVITY_TYPES } from "@/lib/server/queries/activity/activity-sql";

/** A form's empty field means "no filter", not a bad value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const tradingDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, "a real calendar date");
const symbol = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9.-]{1,12}$/, "a ticker symbol (letters, digits, . or -, up to 12)");
const page = z.coerce.number().int("a whole page number").min(1, "1 or more").max(100_000);

/**
 * `/activity?underlying=AAPL&type=order&strategy=short_put&contract=<uuid>&from=2025-01-01&to=2025-03-31
 * &q=roll&sort=date&dir=desc&page=2`. Unlike the other lists, a bad value is not ignored: the page
 * names it, so a shared link that filters nothing is never mistaken for "no activity".
 */
export const activitySearchParams = z
  .object({
    underlying: optional(symbol),
    type: optional(z.enum(ACTIVITY_TYPES)),
    strategy: optional(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9_]{1,40}$/, "a strategy name such as short_put"),
    ),
    contract: optional(z.uuid("a contract id")),
    from: optional(tradingDay),
    to: optional(tradingDay),
    q: optional(z.string().trim().max(100, "at most 100 characters")),
    sort: optional(z.enum(ACTIVITY_SORTS)),
    dir: optional(z.enum(["asc", "desc"])),
    page: optional(page),
  })
  .refine((params) => !params.from || !params.to || params.from <= params.to, {
    message: "the start date must not be after the end date",
    path: ["from"],
  });

export type ActivitySearchParams = z.infer<typeof activitySearchParams>;

/**
 * `/activity/lots?underlying=AAPL`, `?chain=<id>`, `?day=2025-03-14`, `?from=&to=`, `?contract=<id>`,
 * `?by=month&group=2025-03` (a Statistics row): the lots a figure is made of.
 */
export const lotSearchParams = z
  .object({
    underlying: optional(symbol),
    chain: optional(z.uuid("a chain id")),
    day: optional(tradingDay),
    from: optional(tradingDay),
    to: optional(tradingDay),
    contract: optional(z.uuid("a contract id")),
    by: optional(z.enum(GROUPINGS)),
    group: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9.+_-]{1,40}$/, "a Statistics group such as 2025-03"),
    ),
    page: optional(page),
  })
  .refine((params) => (params.by === undefined) === (params.group === undefined), {
    message: "by and group go together (a Statistics row)",
    path: ["group"],
  });

export type LotSearchParams = z.infer<typeof lotSearchParams>;

/** "from: a date as YYYY-MM-DD; page: 1 or more": every bad parameter, named. */
export function describeSearchParamsError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "parameters"}: ${issue.message}`).join("; ");
}
