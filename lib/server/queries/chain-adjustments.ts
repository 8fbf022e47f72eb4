import "server-only";
import { z } from "zod";
import type { ContractView } from "./decimal-text";

/** A rename or split that moved the chain's position: a step of the chain with no cash. */
export type AdjustmentView = {
  date: string;
  type: "rename" | "split";
  /** "renamed DMYD → GENI", "split 2:1". */
  label: string;
  from: ContractView;
  to: ContractView;
  quantityBefore: string;
  quantityAfter: string;
};

const refSchema = z.object({
  underlying: z.string(),
  expiration: z.iso.date(),
  strike: z.string(),
  multiplier: z.string(),
  quantity: z.string(),
});

// The engine's `ChainAdjustment[]`, as recompute stored it in `roll_chains.adjustments`.
const adjustmentsSchema = z.array(
  z.object({
    date: z.iso.date(),
    type: z.enum(["rename", "split"]),
    label: z.string(),
    from: refSchema,
    to: refSchema,
  }),
);

/** The chain's stored steps, read back through their schema (a bad row fails loudly, naming the field). */
export function adjustmentViews(json: unknown, optionType: "CALL" | "PUT"): AdjustmentView[] {
  const parsed = adjustmentsSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`roll_chains.adjustments is not a list of chain steps: ${z.prettifyError(parsed.error)}`);
  }
  const contract = (ref: z.infer<typeof refSchema>): ContractView => ({
    underlying: ref.underlying,
    expiration: ref.expiration,
    strike: ref.strike,
    optionType,
    multiplier: ref.multiplier,
  });
  return parsed.data.map((step) => ({
    date: step.date,
    type: step.type,
    label: step.label,
    from: contract(step.from),
    to: contract(step.to),
    quantityBefore: step.from.quantity,
    quantityAfter: step.to.quantity,
  }));
}
