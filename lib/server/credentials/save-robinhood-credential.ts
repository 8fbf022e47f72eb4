import "server-only";
import type { RobinhoodTokens } from "@/lib/robinhood/client";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { getTokenCipher } from "./get-token-cipher";

export type SaveRobinhoodCredentialInput = {
  tokens: RobinhoodTokens;
  /** The device token the tokens were issued to; reused for refreshes and the next sign-in. */
  deviceToken: string;
};

/** Key version written with every credential; bump it when `TOKEN_ENCRYPTION_KEY` is rotated. */
export const TOKEN_KEY_VERSION = 1;

/**
 * Stores a user's Robinhood tokens, encrypted (AES-256-GCM, bound to the Rollbook user id, so a
 * ciphertext copied to another user's row does not decrypt), with the access token's expiry. Runs in
 * the caller's user transaction. Returns nothing: the tokens never travel further from here.
 */
export async function saveRobinhoodCredential(
  tx: UserTransaction,
  user: ScopedUser,
  input: SaveRobinhoodCredentialInput,
): Promise<void> {
  const cipher = getTokenCipher();
  const data = {
    deviceToken: input.deviceToken,
    accessTokenEncrypted: cipher.encrypt(input.tokens.accessToken, user.id),
    refreshTokenEncrypted: cipher.encrypt(input.tokens.refreshToken, user.id),
    accessTokenExpiresAt: new Date(input.tokens.expiresAt),
    encryptionKeyVersion: TOKEN_KEY_VERSION,
  };
  await tx.robinhoodCredential.upsert({
    where: { userId: user.id },
    create: { userId: user.id, ...data },
    update: data,
    select: { userId: true },
  });
}
