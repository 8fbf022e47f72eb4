import "server-only";
import type { DateRange } from "@/lib/analytics/explain";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * `date` within `range`, both ends included; an open end (null) does not limit. `date` is a fixed
 * fragment written in code (a column), never text from a request.
 */
export function dateWithin(date: Prisma.Sql, range: DateRange): Prisma.Sql {
  return Prisma.sql`(${range.from}::date IS NULL OR ${date} >= ${range.from}::date)
    AND (${range.to}::date IS NULL OR ${date} <= ${range.to}::date)`;
}
