/** What the delete-account form answers when it does not redirect. */
export type DeleteAccountState = { message: string | null };
