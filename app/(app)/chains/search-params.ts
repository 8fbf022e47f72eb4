import { z } from "zod";
import type { ChainStatus } from "@/lib/generated/prisma/enums";
import { STRATEGY_LABELS, type StrategyLabel } from "@/lib/pnl";
import { CHAIN_SORTS } from "@/lib/server/queries/list-chains";

export const CHAIN_STATUSES = ["open", "closed", "expired", "assigned", "exercised"] as const;

/** The URL's status word as the stored chain status. */
export const CHAIN_STATUS_FILTERS: Record<(typeof CHAIN_STATUSES)[number], ChainStatus> = {
  open: "OPEN",
  closed: "CLOSED",
  expired: "EXPIRED",
  assigned: "ASSIGNED",
  exercised: "EXERCISED",
};

/**
 * `/chains?underlying=AAPL&status=open&strategy=bull-put-spread&sort=realized&dir=desc&page=2`; anything malformed is
 * ignored rather than an error.
 */
export const chainSearchParams = z.object({
  underlying: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9.-]{1,12}$/)
    .optional()
    .catch(undefined),
  status: z.enum(CHAIN_STATUSES).optional().catch(undefined),
  strategy: z
    .enum(STRATEGY_LABELS as [StrategyLabel, ...StrategyLabel[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  /** `sort=realized&dir=desc`: sorted in SQL, before paging. */
  sort: z.enum(CHAIN_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type ChainSearchParams = z.infer<typeof chainSearchParams>;
