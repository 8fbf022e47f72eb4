import { accountSchema, type RobinhoodAccount, type RobinhoodUser, userSchema } from "../../schemas/identity";
import type { AuthorizedRequester } from "../authorized-requester";
import { collect, paginate } from "../pagination";

/** `GET /user/`: `id` is the stable Robinhood user id Rollbook keys users on. */
export function getUser(api: AuthorizedRequester, signal?: AbortSignal): Promise<RobinhoodUser> {
  return api.get(userSchema, { path: "/user/", signal });
}

/**
 * `GET /accounts/`. Without `default_to_all_accounts` only the default account may come back
 * (§2.2), so it is always sent.
 */
export function listAccounts(api: AuthorizedRequester, signal?: AbortSignal): Promise<RobinhoodAccount[]> {
  return collect(
    paginate(api, accountSchema, { path: "/accounts/", query: { default_to_all_accounts: "true" }, signal }),
  );
}
