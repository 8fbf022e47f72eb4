import { z } from "zod";
import { GROUPINGS } from "@/lib/analytics";

/** `/statistics?by=month`; a missing or unknown grouping shows the yearly breakdown. */
export const statisticsSearchParams = z.object({
  by: z.enum(GROUPINGS).catch("year").default("year"),
});

export type StatisticsSearchParams = z.infer<typeof statisticsSearchParams>;
