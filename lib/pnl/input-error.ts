export interface InputProblem {
  path: string;
  message: string;
}

/** The input is malformed (a caller's mapping bug, not a trading anomaly); lists what is wrong. */
export class PnlInputError extends Error {
  override readonly name = "PnlInputError";
  constructor(readonly problems: InputProblem[]) {
    super(
      `invalid P&L input: ${problems
        .slice(0, 5)
        .map((problem) => `${problem.path}: ${problem.message}`)
        .join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`,
    );
  }
}
