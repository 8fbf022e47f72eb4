/**
 * How a breakdown page explains a figure: the formula as written next to the rule that computes it,
 * and a worked example, the user's own numbers plugged into that rule step by step.
 */
export type Formula = {
  /** The figure as a sum or quotient of its components, in words and symbols. */
  expression: string;
  /** The rule for one component, one line per case (a long lot, a short lot). */
  rule: readonly string[];
  /** What each term means. */
  where: readonly { term: string; meaning: string }[];
};

/** One line of a worked example: what is computed, the numbers plugged in, and the exact result. */
export type WorkedStep = { label: string; arithmetic: string; value: string };

export type WorkedExample = {
  steps: WorkedStep[];
  /** The rule's result for this component, an exact decimal string. */
  result: string;
  /** The figure Rollbook stored for the same component, an exact decimal string. */
  stored: string;
  /** The rule applied here gives exactly what the figures are made of. */
  agrees: boolean;
};
