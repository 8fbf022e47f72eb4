import { computePnl, PnlInputError, type StrategyLabel } from "@/lib/pnl";
import { CsvFileError, importRobinhoodCsv } from "@/lib/robinhood/csv";
import { buildPnlReport } from "./build-pnl-report";
import { marksFileSchema, toEngineMarks } from "./marks-file";
import { parsePnlArgs } from "./parse-pnl-args";
import { renderPnlTable } from "./render-pnl-table";

/** Exit codes of `npm run pnl` (docs/CLI.md). */
export const EXIT = { ok: 0, unreadable: 1, badArguments: 2, rowErrors: 3 } as const;

export interface RunPnlReportOptions {
  argv: readonly string[];
  /** Reads a file as UTF-8 text; throws when it cannot. */
  readText: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Today's trading date, the default for --as-of (the only clock the report uses). */
  today: () => string;
}

/** The whole command, with its I/O passed in so tests can run it without a process. */
export function runPnlReport(options: RunPnlReportOptions): number {
  const parsed = parsePnlArgs(options.argv);
  if (!parsed.ok) {
    (parsed.help ? options.stdout : options.stderr)(`${parsed.message}\n`);
    return parsed.help ? EXIT.ok : EXIT.badArguments;
  }
  const { args } = parsed;
  const read = (path: string, what: string): string | null => {
    try {
      return options.readText(path);
    } catch (error) {
      options.stderr(`cannot read ${what} ${path}: ${(error as Error).message}\n`);
      return null;
    }
  };
  const text = read(args.file, "CSV file");
  if (text === null) return EXIT.unreadable;
  let marks: Record<string, string> = {};
  let stockMarks: Record<string, string> = {};
  let imported: ReturnType<typeof importRobinhoodCsv>;
  try {
    imported = importRobinhoodCsv(text);
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    options.stderr(`${args.file}: ${error.message}\n`);
    return EXIT.unreadable;
  }
  if (args.marks !== undefined) {
    const marksText = read(args.marks, "marks file");
    if (marksText === null) return EXIT.unreadable;
    let json: unknown;
    try {
      json = JSON.parse(marksText);
    } catch (error) {
      options.stderr(`${args.marks}: not JSON: ${(error as Error).message}\n`);
      return EXIT.unreadable;
    }
    const file = marksFileSchema.safeParse(json);
    if (!file.success) {
      const issue = file.error.issues[0];
      options.stderr(`${args.marks}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}\n`);
      return EXIT.unreadable;
    }
    marks = toEngineMarks(file.data, "100");
    stockMarks = file.data.stocks;
  }
  let result: ReturnType<typeof computePnl>;
  try {
    result = computePnl({
      executions: imported.executions,
      events: imported.events,
      stockTrades: imported.stockTrades,
      corporateActions: imported.corporateActions,
      marks,
      stockMarks,
      asOf: args.asOf ?? options.today(),
    });
  } catch (error) {
    if (!(error instanceof PnlInputError)) throw error;
    options.stderr(`${args.file}: ${error.message}\n`);
    return EXIT.unreadable;
  }
  const report = buildPnlReport({
    file: args.file,
    imported,
    result,
    strategy: args.strategy as StrategyLabel | undefined,
  });
  options.stdout(
    args.format === "json"
      ? `${JSON.stringify(report, null, 2)}\n`
      : renderPnlTable(report, { allChains: args.strategy !== undefined }),
  );
  if (imported.errors.length > 0) {
    options.stderr(`${imported.errors.length} row(s) could not be read; they are listed in the report\n`);
    return EXIT.rowErrors;
  }
  return EXIT.ok;
}
