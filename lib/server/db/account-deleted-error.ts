/** User-scoped work found the account deleted; the person must sign in again to start a new one. */
export class AccountDeletedError extends Error {
  constructor() {
    super("This Rollbook account was deleted. Sign in again to start a new one.");
    this.name = "AccountDeletedError";
  }
}
