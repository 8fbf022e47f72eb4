import { z } from "zod";

/** Only same-site paths: "//host" and "/\host" would leave the site. */
const localPath = z.string().regex(/^\/(?![/\\])[^\s\\]*$/);

export const signInSearchParams = z.object({
  callbackUrl: localPath.catch("/dashboard").default("/dashboard"),
  reason: z.enum(["deleted", "signed-out", "reconnect"]).optional().catch(undefined),
  error: z.string().max(64).optional().catch(undefined),
});

export type SignInSearchParams = z.infer<typeof signInSearchParams>;
