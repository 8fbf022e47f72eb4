import { AppError } from "@/lib/errors/app-error";

/**
 * User-scoped work found the account deleted; the person must sign in again to start a new one. Its
 * own module, so work that runs without Prisma (an import's connection) can throw and catch it.
 */
export class AccountDeletedError extends AppError {
  override name = "AccountDeletedError";
  constructor() {
    super("account_deleted");
  }
}
