/** What "Open the demo account" answers: the sign-in ticket, or why not. */
export type DemoActionState =
  | { status: "idle" }
  | { status: "signed-in"; ticket: string }
  | { status: "error"; message: string };
