import { z } from "zod";
import { POSITION_SORTS } from "@/lib/server/queries/position-sorts";

/**
 * `/positions?q=aapl put&sort=unrealized&dir=desc&page=2`; anything malformed is ignored rather than
 * an error. Sort keys are a fixed list (each one fixed SQL in the read model).
 */
export const positionSearchParams = z.object({
  q: z
    .string()
    .trim()
    .max(60)
    .regex(/^[\p{L}\p{N} .()-]*$/u)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  sort: z.enum(POSITION_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type PositionSearchParams = z.infer<typeof positionSearchParams>;
