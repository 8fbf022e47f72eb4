import { z } from "zod";
import { STRATEGY_LABELS, type StrategyLabel } from "@/lib/pnl";

/**
 * A chain's stored strategy label, parsed: a label this version does not know (written by a newer
 * engine, or null before the first recompute with labels) reads as null rather than failing a page.
 */
const labelSchema = z.enum(STRATEGY_LABELS as [StrategyLabel, ...StrategyLabel[]]);

export function strategyLabel(value: string | null): StrategyLabel | null {
  const parsed = labelSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** One leg closed early, as the chain page shows it (the engine's `LegOut`). */
export const legOutSchema = z.object({
  date: z.string(),
  contractKey: z.string(),
  expiration: z.string(),
  strike: z.string(),
  optionType: z.enum(["call", "put"]),
  direction: z.enum(["long", "short"]),
  quantity: z.string(),
  outcome: z.enum(["trade", "assignment", "exercise"]),
});

export type LegOutView = z.infer<typeof legOutSchema>;

/** The stored `leg_outs` JSON; entries that do not parse are left out, never shown half-read. */
export function legOutsOf(value: unknown): LegOutView[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = legOutSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}
