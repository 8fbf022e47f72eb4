import { z } from "zod";

/**
 * How a simulated user signs in. Each mirrors one flow of robinhood-api.md §1.2–1.3; codes are
 * fixed (or TOTP for `app`) and documented in docs/SIMULATOR.md.
 */
export const loginFlowSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct") }),
  z.object({
    kind: z.literal("legacy_mfa"),
    mfaType: z.enum(["sms", "app"]),
    /** Accepted for `sms`; `app` users answer with the TOTP of `totpSecret`. */
    code: z.string().optional(),
    totpSecret: z.string().optional(),
  }),
  z.object({ kind: z.literal("legacy_challenge"), code: z.string() }),
  z.object({
    kind: z.literal("verification"),
    challengeType: z.enum(["sms", "email", "app", "prompt"]),
    code: z.string().optional(),
    totpSecret: z.string().optional(),
    /** `prompt` only: approved on this poll of get_prompts_status; null = never (until a control approves it). */
    approveAfterPolls: z.number().int().positive().nullable().optional(),
  }),
]);
export type LoginFlow = z.infer<typeof loginFlowSchema>;

export const simulatedUserSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  firstName: z.string().default("Test"),
  lastName: z.string().default("Trader"),
  flow: loginFlowSchema,
  /** Months of generated history ending at the simulator's "now". */
  months: z.number().int().positive().max(120).default(3),
  startingCashCents: z.number().int().positive().default(6_000_000),
});
export type SimulatedUser = z.infer<typeof simulatedUserSchema>;
export type SimulatedUserInput = z.input<typeof simulatedUserSchema>;

/** RFC 6238 example-style secret; shared by the `app` users so one authenticator entry covers them. */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
export const TEST_CODE = "123456";
export const TEST_PASSWORD = "rollbook-test";

export const DEMO_USERNAME = "demo@rollbook.dev";
export const DEMO_PASSWORD = "rollbook-demo";

const TEST_USERS: SimulatedUserInput[] = [
  {
    username: "mfa-sms@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "legacy_mfa", mfaType: "sms", code: TEST_CODE },
  },
  {
    username: "mfa-app@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "legacy_mfa", mfaType: "app", totpSecret: TEST_TOTP_SECRET },
  },
  {
    username: "challenge@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "legacy_challenge", code: TEST_CODE },
  },
  {
    username: "verify-sms@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "verification", challengeType: "sms", code: TEST_CODE },
  },
  {
    username: "verify-email@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "verification", challengeType: "email", code: TEST_CODE },
  },
  {
    username: "verify-app@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "verification", challengeType: "app", totpSecret: TEST_TOTP_SECRET },
  },
  {
    username: "verify-prompt@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "verification", challengeType: "prompt", approveAfterPolls: 2 },
  },
  {
    username: "prompt-never@rollbook.dev",
    password: TEST_PASSWORD,
    flow: { kind: "verification", challengeType: "prompt", approveAfterPolls: null },
  },
];

/** The built-in users: the demo trader with two years of history, and one test user per login flow. */
export const DEFAULT_USERS: readonly SimulatedUserInput[] = [
  {
    username: DEMO_USERNAME,
    password: DEMO_PASSWORD,
    firstName: "Demo",
    lastName: "Trader",
    flow: { kind: "direct" },
    months: 24,
  },
  ...TEST_USERS,
];
