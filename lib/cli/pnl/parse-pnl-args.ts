import { z } from "zod";
import { STRATEGY_LABELS } from "@/lib/pnl";
import { isDate } from "@/lib/pnl/dates";

export const PNL_USAGE = `Usage: npm run pnl -- <file.csv> [--format table|json] [--as-of YYYY-MM-DD] [--marks <marks.json>] [--strategy <label>]

  <file.csv>     a Robinhood account activity report, or a robin_stocks option-orders or stock-orders export
  --format       table (default) or json (documented in docs/CLI.md)
  --as-of        trading date the report describes (default: today in America/New_York);
                 contracts expired before it with no event are closed as expired (inferred)
  --marks        JSON file with option and stock marks for unrealized P&L (see docs/CLI.md)
  --strategy     list only chains and strategy positions with this label (e.g. bull-put-spread,
                 iron-condor; all labels in docs/CLI.md); totals stay those of the whole file`;

const argsSchema = z.object({
  file: z.string().min(1, "a CSV file is required"),
  format: z.enum(["table", "json"], { error: 'must be "table" or "json"' }).default("table"),
  asOf: z
    .string()
    .refine((text) => isDate(text), "must be a YYYY-MM-DD date")
    .optional(),
  marks: z.string().min(1).optional(),
  strategy: z
    .enum(STRATEGY_LABELS as [string, ...string[]], { error: `must be one of ${STRATEGY_LABELS.join(", ")}` })
    .optional(),
});

export type PnlArgs = z.output<typeof argsSchema>;

export type ParsedArgs = { ok: true; args: PnlArgs } | { ok: false; help: boolean; message: string };

const FLAGS: Record<string, "format" | "asOf" | "marks" | "strategy"> = {
  "--format": "format",
  "--as-of": "asOf",
  "--marks": "marks",
  "--strategy": "strategy",
};

/** argv (after the script name) → validated arguments, or a message for the user. */
export function parsePnlArgs(argv: readonly string[]): ParsedArgs {
  const raw: Record<string, string> = {};
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === "--help" || token === "-h") return { ok: false, help: true, message: PNL_USAGE };
    const [flag, inline] = token.startsWith("--") ? splitFlag(token) : [token, undefined];
    const name = FLAGS[flag];
    if (token.startsWith("--") && name === undefined) return fail(`unknown option ${flag}`);
    if (name !== undefined) {
      const value = inline ?? argv[++index];
      if (value === undefined || value.startsWith("--")) return fail(`${flag} needs a value`);
      if (raw[name] !== undefined) return fail(`${flag} given twice`);
      raw[name] = value;
    } else positionals.push(token);
  }
  if (positionals.length > 1)
    return fail(`expected one CSV file, got ${positionals.length}: ${positionals.join(" ")}`);
  const parsed = argsSchema.safeParse({ ...raw, file: positionals[0] ?? "" });
  if (parsed.success) return { ok: true, args: parsed.data };
  const issue = parsed.error.issues[0];
  const where =
    issue?.path[0] === "asOf"
      ? "--as-of"
      : issue?.path[0] === "file"
        ? "file"
        : `--${String(issue?.path[0])}`;
  return fail(`${where}: ${issue?.message ?? "invalid"}`);
}

function splitFlag(token: string): [string, string | undefined] {
  const equals = token.indexOf("=");
  return equals < 0 ? [token, undefined] : [token.slice(0, equals), token.slice(equals + 1)];
}

function fail(message: string): ParsedArgs {
  return { ok: false, help: false, message: `${message}\n\n${PNL_USAGE}` };
}
