import { z } from "zod";
import { isoTimestamp, robinhoodId } from "./common";

/** §1.2(1): a successful password or refresh-token grant. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().nonnegative(),
  token_type: z.string(),
  scope: z.string(),
  user_uuid: robinhoodId.optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** §1.2(2): no token yet, the device must be verified first. */
export const verificationWorkflowResponseSchema = z.object({
  verification_workflow: z.object({ id: robinhoodId, workflow_status: z.string() }),
});

/** §1.2(3): legacy account-level MFA. */
export const mfaRequiredResponseSchema = z.object({
  mfa_required: z.literal(true),
  mfa_type: z.enum(["sms", "app"]),
});

/** §1.2(4) and §1.3(4): the challenge object of both the legacy flow and the sheriff flow. */
export const challengeSchema = z.object({
  id: robinhoodId,
  type: z.string(),
  status: z.string(),
  remaining_attempts: z.number().int(),
  remaining_retries: z.number().int().optional(),
  expires_at: isoTimestamp,
  alternate_type: z.string().nullable().optional(),
});
export type ChallengeBody = z.infer<typeof challengeSchema>;

export const legacyChallengeResponseSchema = z.object({
  detail: z.string().optional(),
  challenge: challengeSchema,
});

export const challengeTypeRequiredResponseSchema = z.object({
  detail: z.string().optional(),
  accept_challenge_types: z.record(z.string(), z.string()),
});

/** `POST /pathfinder/user_machine/` → the inquiry that carries the challenge. */
export const userMachineResponseSchema = z.object({ id: robinhoodId });

/** `GET /pathfinder/inquiries/{id}/user_view/`: robin_stocks has read both challenge paths. */
export const inquiryPageSchema = z.object({
  context: z.object({ sheriff_challenge: challengeSchema.optional() }).nullable().optional(),
  type_context: z
    .object({ context: z.object({ sheriff_challenge: challengeSchema.optional() }).optional() })
    .nullable()
    .optional(),
});

/** `POST /pathfinder/inquiries/{id}/user_view/` with `status: continue`. */
export const inquiryResultSchema = z.object({
  type: z.string().optional(),
  type_context: z.object({ result: z.string().optional() }).nullable().optional(),
  verification_workflow: z.object({ workflow_status: z.string() }).optional(),
});

export const promptStatusSchema = z.object({ challenge_status: z.string() });
