import { z } from "zod";
import { contractKey } from "@/lib/pnl";
import { isDate } from "@/lib/pnl/dates";

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string like "1.25"');

/** The `--marks` file (docs/CLI.md): option marks per contract and stock prices per symbol. */
export const marksFileSchema = z.object({
  options: z
    .array(
      z.object({
        underlying: z.string().min(1),
        expiration: z.string().refine((text) => isDate(text), "must be a YYYY-MM-DD date"),
        strike: decimal,
        optionType: z.enum(["call", "put"]),
        multiplier: decimal.optional(),
        mark: decimal,
      }),
    )
    .default([]),
  stocks: z.record(z.string(), decimal).default({}),
});

export type MarksFile = z.output<typeof marksFileSchema>;

/** Engine marks keyed by contract key; contracts without a multiplier get the import's. */
export function toEngineMarks(file: MarksFile, defaultMultiplier: string): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const option of file.options) {
    const { mark, multiplier, ...contract } = option;
    marks[contractKey({ ...contract, multiplier: multiplier ?? defaultMultiplier })] = mark;
  }
  return marks;
}
