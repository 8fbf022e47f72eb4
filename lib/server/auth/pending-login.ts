import "server-only";
import { hkdfSync } from "node:crypto";
import { z } from "zod";
import { createTokenCipher } from "@/lib/crypto/token-cipher";

/**
 * What the next step of a multi-step Robinhood sign-in needs (the password included, because every
 * step re-posts the same password grant), sealed with AES-256-GCM for a short-lived httpOnly cookie.
 * The browser holds only ciphertext; the server reads it back on the next step and refuses it once
 * it is older than ten minutes or altered in any way. Each sealed state carries a random id that a
 * row in `pending_logins` must still hold (pending-login-store.ts), so each cookie works once.
 */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

const AAD = "rollbook-pending-login";

const challengeSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  remainingAttempts: z.number(),
  expiresAt: z.string(),
});

const stepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("mfa"), mfaType: z.enum(["sms", "app"]) }),
  z.object({ kind: z.literal("challenge_type"), challengeTypes: z.array(z.string()) }),
  z.object({ kind: z.literal("challenge"), challenge: challengeSchema }),
  z.object({
    kind: z.literal("verification"),
    verification: z.object({ workflowId: z.string(), inquiryId: z.string(), challenge: challengeSchema }),
  }),
]);

const pendingLoginSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  deviceToken: z.string().min(1),
  step: stepSchema,
  /** Epoch ms; fixed when the password was entered and never extended by later steps. */
  expiresAt: z.number().int(),
});

/** What the cookie holds: the state and the id of its single-use row. */
const sealedSchema = pendingLoginSchema.extend({ id: z.string().min(16) });

export type PendingLogin = z.infer<typeof pendingLoginSchema>;
export type PendingStep = z.infer<typeof stepSchema>;

export type OpenedPendingLogin =
  | { ok: true; login: PendingLogin; id: string }
  | { ok: false; reason: "invalid" | "expired" | "used" };

/** The cookie key: derived from TOKEN_ENCRYPTION_KEY, so it never equals the key that seals tokens. */
export function pendingLoginKey(tokenEncryptionKey: string): string {
  const derived = hkdfSync(
    "sha256",
    Buffer.from(tokenEncryptionKey, "base64"),
    Buffer.alloc(0),
    "rollbook/pending-login/v1",
    32,
  );
  return Buffer.from(derived).toString("base64");
}

export function sealPendingLogin(login: PendingLogin, key: string, id: string): string {
  return createTokenCipher(key).encrypt(JSON.stringify(sealedSchema.parse({ ...login, id })), AAD);
}

export function openPendingLogin(sealed: string, options: { key: string; now?: number }): OpenedPendingLogin {
  let plaintext: string;
  try {
    plaintext = createTokenCipher(options.key).decrypt(sealed, AAD);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = sealedSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  if ((options.now ?? Date.now()) >= parsed.data.expiresAt) return { ok: false, reason: "expired" };
  const { id, ...login } = parsed.data;
  return { ok: true, login, id };
}
